"""Reading printed sheets back from pictures: scans (PDF, images) and phone photos.

``images`` opens a file into pictures, ``locate`` finds each sheet's QR code and
corner marks in a picture, ``ink`` straightens a sheet and judges each of its
cells, ``read`` ties them together into ``models.paper.reading.SheetReading``s.
Pillow and zxing-cpp only (no numpy in the shipped program).
"""
