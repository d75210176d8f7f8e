"""纠纷与信访: family dispute screening with its monthly report, and letters and visits."""
