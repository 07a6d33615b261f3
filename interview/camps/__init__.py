"""Camps: a class's practice day run by counsellors (issue 12). Students join by a code,
consent, answer the camp's questions; counsellors follow them on a live dashboard, export
rosters and reports; everything personal goes when the camp's retention ends."""
