"""Everything that leaves the tool: files, links, the clipboard."""
