# Exercises: placeholder until the grader lands (issue 3).
progress:
	@true
