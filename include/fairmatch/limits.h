/*
 * fairmatch/limits.h - the longest text each stored field may hold, in
 * bytes of UTF-8. One definition for every way in: the API refuses a longer
 * value with 400, the importer with its FILE:LINE: COLUMN: message, so that
 * what one path accepts the other does too, and no renderer ever meets a
 * 50-MB name. docs/api.md and docs/import.md list the same numbers.
 */
#ifndef FAIRMATCH_LIMITS_H
#define FAIRMATCH_LIMITS_H

/* Ids of departments, seekers, fairs and positions, and references to them. */
#define FM_LIMIT_ID 64

#define FM_LIMIT_SEEKER_FIRST_NAME 100
#define FM_LIMIT_SEEKER_LAST_NAME 100
#define FM_LIMIT_SEEKER_PERSONAL_NUMBER 20
#define FM_LIMIT_SEEKER_ELIGIBILITY 40
#define FM_LIMIT_SEEKER_INTERESTS 400
#define FM_LIMIT_SEEKER_EXPERIENCE 400
#define FM_LIMIT_SEEKER_PHONE 40
#define FM_LIMIT_SEEKER_EMAIL 200
#define FM_LIMIT_DATE 10 /* YYYY-MM-DD */

#define FM_LIMIT_DEPARTMENT_NAME 200
#define FM_LIMIT_FAIR_NAME 200
#define FM_LIMIT_FAIR_PLACE 200
#define FM_LIMIT_POSITION_TITLE 200
#define FM_LIMIT_POSITION_OCCUPATION 4

#endif
