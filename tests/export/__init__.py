"""Tests of everything that leaves the tool: .eml, PDF, mailto, clipboard, saving."""
