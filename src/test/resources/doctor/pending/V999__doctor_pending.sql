-- Only for DoctorTest: a migration this Selfcode does not have applied yet. Never run.
SELECT 1;
