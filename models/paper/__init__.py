"""Paper read back into data: what a printed page that is read back says about itself (code.py),
where its marks and cells are (sheet_map.py). No images and no Qt here: reading a picture is
``paper/`` (above forms/), printing the code and marks is ``forms/readable.py``."""
