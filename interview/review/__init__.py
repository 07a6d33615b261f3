"""Sharing a session with the centre's counsellors, their review of it (comments, score
overrides, a summary note) and the audit trail of who looked at or changed what (issue 11).

The modules hold the logic and the queries; the routes (interview/web/routes/review.py,
sharing.py, admin.py) stay thin.
"""
