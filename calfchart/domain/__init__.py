"""The clinical core in plain Python: it knows nothing of Qt.

Zones, muscles, trigger points, the ranking, red-flag screening, sessions and the
content of the treatment sheet. The window, the printed sheet and the command line
are all thin faces on these objects, so the three can never disagree.
"""
