# binary_trees.pxd - the declaration binary_trees.py cannot make in Python
# syntax: a struct that points to its own type (Cython reads this file
# alongside the .py file of the same name).

cdef struct Node:
    Node *left
    Node *right
