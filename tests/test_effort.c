/* test_effort.c - counting a rung's lines (harness/effort.h): '#' lines are
 * comments in Python and code in C, where comments are // and block
 * comments; blank lines never count; the diff counts what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/buf.h"
#include "harness/fs.h"
#include "harness/effort.h"
#include "tests/testhelp.h"

static void write(const char *dir, const char *name, const char *text)
{
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    TEST_CHECK(fs_write_file_atomic(path.data, text, strlen(text)) == 0, "wrote %s", name);
    buf_release(&path);
}

int main(void)
{
    char dir[] = "/tmp/ladder-effort-XXXXXX";
    TEST_CHECK(mkdtemp(dir) != NULL, "a temporary folder");
    write(dir, "k.c",
          "#include <stdio.h>\n"
          "#define N 10   /* a named number */\n"
          "\n"
          "// a line comment\n"
          "/* a block\n"
          "   comment */\n"
          "int main(void) { return N; }   \n");
    write(dir, "k.py",
          "# a comment\n"
          "import sys\n"
          "\n"
          "def main() -> int:\n"
          "    return 10  # trailing\n");
    write(dir, "k2.py",
          "import sys\n"
          "\n"
          "def main() -> int:\n"
          "    return 11\n");

    effort_source c, py, py2;
    TEST_CHECK(effort_source_read(&c, dir, "k.c") == 0, "the C file is read");
    TEST_CHECK(c.count == 3, "C: #include, #define and the code count, comments do not: %zu", c.count);
    TEST_CHECK(c.count > 0 && strcmp(c.lines[0], "#include <stdio.h>") == 0, "C: the #include line");
    TEST_CHECK(effort_source_read(&py, dir, "k.py") == 0, "the Python file is read");
    TEST_CHECK(py.count == 3, "Python: a '#' line is a comment: %zu", py.count);
    TEST_CHECK(effort_source_read(&py2, dir, "k2.py") == 0, "the second Python file is read");

    effort e;
    effort_compare(&py2, &py, &e);
    TEST_CHECK(e.lines == 3 && e.added == 1 && e.removed == 1,
               "one line changed: %ld lines, +%ld -%ld", e.lines, e.added, e.removed);
    effort_compare(&c, NULL, &e);
    TEST_CHECK(e.added == 3 && e.removed == 0 && e.gzip_bytes > 0, "no baseline: every line added");

    effort_source none;
    TEST_CHECK(effort_source_read(&none, dir, "*.rs") == -1, "no file matched: -1");

    effort_source_release(&c);
    effort_source_release(&py);
    effort_source_release(&py2);
    TEST_CHECK(testhelp_remove_dir(dir) == 0, "cleaned up");
    return TEST_REPORT();
}
