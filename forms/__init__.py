"""The printed official forms (报表): reportlab PDFs and their Excel twins.

``forms.registry`` lists the forms for the command line and the GUI; each
form is a module turning records into a PDF on the ``forms.layout`` base.
Nothing in this package imports Qt, the GUI or the command line.
"""
