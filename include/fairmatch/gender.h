/*
 * fairmatch/gender.h - the three genders the programme records. One
 * definition shared by the seeker records and the solver's instance, so
 * that any file may include both.
 */
#ifndef FAIRMATCH_GENDER_H
#define FAIRMATCH_GENDER_H

typedef enum fm_gender { FM_GENDER_WOMAN = 0, FM_GENDER_MAN = 1, FM_GENDER_OTHER = 2 } fm_gender;

#endif
