"""Stage 2, extract: the facts of each document, one row a fact, in pandas DataFrames.

facts.py runs the stage (Extractor); numbers.py, dates.py, entities.py and cues.py find what it
reads, text.py splits and folds the text. The words they read are data (checks/words.py).
"""

from .facts import (DOCUMENT_COLUMNS, DOCUMENT_TIME_LIMIT, FACT_COLUMNS, PARAGRAPH_COLUMNS, Extraction, Extractor,
                    concat_frames)

__all__ = ["DOCUMENT_COLUMNS", "DOCUMENT_TIME_LIMIT", "FACT_COLUMNS", "PARAGRAPH_COLUMNS", "Extraction", "Extractor",
           "concat_frames"]
