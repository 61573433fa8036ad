"""Strings and dicts: the most frequent words of a text.

    ladder try examples/wordfreq.py top_words --setup sample_text

Splitting, lower-casing, stripping punctuation and counting in a dict: the
kind of code where the interpreter's dicts and strings do the work, and a
compiler has little to add (the study's JSON pipeline, in miniature).
"""
from __future__ import annotations

import random

PUNCTUATION = ".,;:!?'()\""
WORDS = ("the quick brown fox jumps over a lazy dog while python programs "
         "count words in dictionaries and strings of text").split()


def sample_text(words: int = 200_000, seed: int = 7) -> tuple[str, int]:
    """A reproducible text of `words` words, and how many top words to ask for."""
    rng = random.Random(seed)
    out = []
    for i in range(words):
        word = rng.choice(WORDS)
        if rng.random() < 0.1:
            word = word.capitalize()
        if rng.random() < 0.05:
            word += rng.choice(PUNCTUATION)
        out.append(word)
        if i % 17 == 16:
            out.append("\n")
    return " ".join(out), 10


def top_words(text: str, count: int) -> list[tuple[str, int]]:
    """The `count` most frequent words, most frequent first (ties by word)."""
    frequencies: dict[str, int] = {}
    for line in text.splitlines():
        for raw in line.split():
            word = raw.strip(PUNCTUATION).lower()
            if word:
                frequencies[word] = frequencies.get(word, 0) + 1
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:count]
