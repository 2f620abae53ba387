"""The offline planner's evaluation set: realistic requests and what each must make Aura do."""
