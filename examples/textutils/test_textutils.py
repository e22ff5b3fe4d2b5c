from textutils import collapse_spaces, slugify, word_count


def test_collapse_spaces():
    assert collapse_spaces("  a \t b\n c ") == "a b c"


def test_slugify():
    assert slugify("Hello, World!") == "hello-world"


def test_word_count():
    assert word_count("one two  three") == 3
    assert word_count("   ") == 0
