"""Paper read back into data: what a printed page that is read back says about itself (code.py),
where its marks and cells are (sheet_map.py), what reading it found (reading.py), and what is done
with that: the sheet images kept as evidence (evidence.py), attendance from the signatures
(attendance.py), the ballots set beside the hand count (ballots.py). No images are decoded and no
Qt is used here: reading a picture is ``paper/`` (above forms/), printing the code and marks is
``forms/readable.py``."""
