"""Interview questions: what is asked, what a good answer covers, how long it may take."""
