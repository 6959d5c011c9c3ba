"""The parts of bench/compare/compare (bench/README.md)."""
