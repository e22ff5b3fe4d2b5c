import unittest

from mathlib.sum import mul


# Named as unittest's own pattern (test*.py) allows, which pytest's default (test_*.py) would miss.
class MulTest(unittest.TestCase):

    def test_multiplies(self):
        self.assertEqual(mul(2, 3), 6)


if __name__ == "__main__":
    unittest.main()
