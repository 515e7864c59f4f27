/*
 * test_score.c - the attribute score (src/core/score.c) on hand-computed
 * pairs: each factor alone, the eligibility rules, the choice between
 * interest and experience, neutral halves for unknown data, and the exact
 * `why` text the instance carries.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fairmatch/score.h"

/* A seeker who fits nothing but the position's requirements; tests set what they need. */
static fm_score_seeker seeker(const char *interests, const char *experience)
{
    fm_score_seeker s = {interests, experience, 5, 1, 100, 5};
    return s;
}

static fm_score_position position(const char *occ)
{
    fm_score_position p = {occ, false, -1, 100.0};
    return p;
}

static fm_score_breakdown score(const fm_score_seeker *s, const fm_score_position *p)
{
    fm_score_breakdown b;
    fm_score_pair(s, p, &b);
    return b;
}

static char *why(const fm_score_breakdown *b)
{
    fm_buf buf = FM_BUF_INIT;
    cr_assert_eq(fm_score_why_json(b, &buf), FM_OK);
    return fm_buf_detach(&buf, NULL);
}

Test(score, first_wish_same_code_without_experience_scores_90)
{
    fm_score_seeker s = seeker("5312|5311", "");
    fm_score_position p = position("5312");
    fm_score_breakdown b = score(&s, &p);
    cr_assert_eq(b.verdict, FM_SCORE_ELIGIBLE);
    cr_assert_eq(b.interest, 6000); /* 60% of level 100 x rank weight 1 */
    cr_assert_eq(b.experience, 0);
    cr_assert_eq(b.extent, 1500);
    cr_assert_eq(b.screening, 1500);
    cr_assert_eq(b.total, 9000);
    cr_assert_eq(b.match, FM_MATCH_SSYK4);
    cr_assert_eq(b.rank, 1);
}

Test(score, interest_level_and_rank_multiply)
{
    fm_score_position p = position("5312");
    /* Second wish, same 3-digit group: 0.6 * 0.85 = 0.51, 60% -> 30.60 points. */
    fm_score_seeker s = seeker("9999|5311", "");
    fm_score_breakdown b = score(&s, &p);
    cr_assert_eq(b.interest, 3060);
    cr_assert_eq(b.match, FM_MATCH_SSYK3);
    cr_assert_eq(b.rank, 2);
    /* First wish, same 2-digit group: 0.3 -> 18 points. */
    s = seeker("5399", "");
    b = score(&s, &p);
    cr_assert_eq(b.interest, 1800);
    cr_assert_eq(b.match, FM_MATCH_SSYK2);
    /* Sixth wish, same code: 1 - 0.15 * 5 = 0.25 -> 15 points. */
    s = seeker("1|2|3|4|5|5312", "");
    b = score(&s, &p);
    cr_assert_eq(b.interest, 1500);
    cr_assert_eq(b.rank, 6);
    /* Of two matching wishes the better product counts: 4th same code 0.55 < 1st 3-digit 0.6. */
    s = seeker("5311|1|2|5312", "");
    b = score(&s, &p);
    cr_assert_eq(b.interest, 3600);
    cr_assert_eq(b.rank, 1);
}

Test(score, a_seventh_wish_or_another_group_is_not_eligible)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("1|2|3|4|5|6|5312", "");
    fm_score_breakdown b = score(&s, &p);
    cr_assert_eq(b.verdict, FM_SCORE_NO_MATCH);
    cr_assert_eq(b.total, 0);
    s = seeker("5412|4110", "9111");
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_MATCH);
    s = seeker("531", ""); /* not a 4-character code */
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_MATCH);
    s = seeker(NULL, NULL);
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_MATCH);
    s = seeker("5312", "");
    p = position("");
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_MATCH);
}

Test(score, experience_counts_at_half_when_it_beats_the_wishes)
{
    fm_score_position p = position("5312");
    /* Experience in the code: fit 0.5 -> 30 points, plus 10 for the work, no rank. */
    fm_score_seeker s = seeker("", "4110|5312");
    fm_score_breakdown b = score(&s, &p);
    cr_assert_eq(b.verdict, FM_SCORE_ELIGIBLE);
    cr_assert_eq(b.experience, 3000 + 1000);
    cr_assert_eq(b.interest, 0);
    cr_assert_eq(b.rank, 0);
    cr_assert_eq(b.match, FM_MATCH_SSYK4);
    cr_assert_eq(b.total, 4000 + 1500 + 1500);
    /* Third wish at 3 digits (0.6 * 0.7 = 0.42) loses to experience (0.5). */
    s = seeker("1|2|5311", "5312");
    b = score(&s, &p);
    cr_assert_eq(b.experience, 4000);
    cr_assert_eq(b.interest, 0);
    /* Second wish at 3 digits (0.51) beats it; the work still adds its 10. */
    s = seeker("1|5311", "5312");
    b = score(&s, &p);
    cr_assert_eq(b.interest, 3060);
    cr_assert_eq(b.experience, 1000);
    /* A tie goes to the wish: 2-digit first wish 0.3 = 3-digit experience 0.6 * 0.5. */
    s = seeker("5399", "5311");
    b = score(&s, &p);
    cr_assert_eq(b.interest, 1800);
    cr_assert_eq(b.experience, 600);
    cr_assert_eq(b.match, FM_MATCH_SSYK2);
    cr_assert_eq(b.rank, 1);
}

Test(score, experience_adds_ten_points_times_its_level_to_a_wish)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "5312");
    cr_assert_eq(score(&s, &p).experience, 1000);
    cr_assert_eq(score(&s, &p).total, 10000);
    s.experience = "9111|5311";
    cr_assert_eq(score(&s, &p).experience, 600);
    s.experience = "5399";
    cr_assert_eq(score(&s, &p).experience, 300);
    s.experience = "4110";
    cr_assert_eq(score(&s, &p).experience, 0);
    cr_assert_eq(score(&s, &p).total, 9000);
}

Test(score, driving_licence_must_be_known_when_required)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "");
    p.requires_licence = true;
    s.driving_licence = 0;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_LICENCE);
    s.driving_licence = -1;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_NO_LICENCE);
    s.driving_licence = 1;
    cr_assert_eq(score(&s, &p).total, 9000);
    p.requires_licence = false;
    s.driving_licence = 0;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_ELIGIBLE);
}

Test(score, swedish_level_must_reach_the_minimum)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "");
    p.min_swedish_level = 3;
    s.swedish_level = 2;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_SWEDISH);
    s.swedish_level = -1;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_SWEDISH);
    s.swedish_level = 3;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_ELIGIBLE);
    /* A minimum of 0 asks for nothing, so an unknown level passes. */
    p.min_swedish_level = 0;
    s.swedish_level = -1;
    cr_assert_eq(score(&s, &p).verdict, FM_SCORE_ELIGIBLE);
    /* Requirements come first: a perfect fit without the language is out. */
    p.min_swedish_level = 5;
    s.swedish_level = 4;
    cr_assert_eq(score(&s, &p).total, 0);
}

Test(score, working_time_fit_is_the_smaller_over_the_larger)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "");
    s.extent_preference = 50; /* half time wanted at a full-time job: 0.5 * 15 */
    cr_assert_eq(score(&s, &p).extent, 750);
    s.extent_preference = 75;
    cr_assert_eq(score(&s, &p).extent, 1125);
    s.extent_preference = 100;
    p.extent = 75; /* the same gap the other way round */
    cr_assert_eq(score(&s, &p).extent, 1125);
    s.extent_preference = 60; /* 60/75 = 0.8 */
    cr_assert_eq(score(&s, &p).extent, 1200);
    s.extent_preference = 75;
    cr_assert_eq(score(&s, &p).extent, 1500);
    cr_assert(score(&s, &p).extent_known);
}

Test(score, unknown_working_time_or_screening_gets_the_neutral_half)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "");
    fm_score_breakdown b;
    s.extent_preference = 0;
    s.screening = -1;
    b = score(&s, &p);
    cr_assert_eq(b.extent, 750);
    cr_assert_eq(b.screening, 750);
    cr_assert(!b.extent_known);
    cr_assert(!b.screening_known);
    cr_assert_eq(b.total, 6000 + 750 + 750);
    s.extent_preference = 100;
    p.extent = 0; /* the position's extent unknown */
    cr_assert_eq(score(&s, &p).extent, 750);
}

Test(score, screening_gives_three_points_a_grade)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("5312", "");
    for (int g = 0; g <= 5; g++) {
        s.screening = g;
        fm_score_breakdown b = score(&s, &p);
        cr_assert_eq(b.verdict, FM_SCORE_ELIGIBLE, "grade %d", g);
        cr_assert_eq(b.screening, 300 * g, "grade %d", g);
        cr_assert_eq(b.total, 6000 + 1500 + 300 * g, "grade %d", g);
    }
}

Test(score, why_is_compact_json_in_points)
{
    fm_score_position p = position("5312");
    fm_score_seeker s = seeker("9999|5311", "");
    fm_score_breakdown b;
    char *j;
    s.extent_preference = 50;
    s.screening = 2;
    b = score(&s, &p);
    cr_assert_eq(b.total, 3060 + 750 + 600);
    j = why(&b);
    cr_assert_str_eq(j, "{\"match\":\"ssyk3\",\"rank\":2,\"interest\":30.6,\"experience\":0,"
                        "\"extent\":7.5,\"screening\":6}");
    free(j);
    s = seeker("", "5312");
    s.screening = -1;
    s.extent_preference = 0;
    b = score(&s, &p);
    j = why(&b);
    cr_assert_str_eq(j, "{\"match\":\"ssyk4\",\"rank\":null,\"interest\":0,\"experience\":40,"
                        "\"extent\":7.5,\"screening\":7.5,\"unknown\":[\"extent\",\"screening\"]}");
    free(j);
    s.extent_preference = 100;
    b = score(&s, &p);
    j = why(&b);
    cr_assert_str_eq(j, "{\"match\":\"ssyk4\",\"rank\":null,\"interest\":0,\"experience\":40,"
                        "\"extent\":15,\"screening\":7.5,\"unknown\":[\"screening\"]}");
    free(j);
}

Test(score, points_print_without_trailing_zeros)
{
    const int h[] = {0, 5, 70, 825, 3570, 7000, 10000};
    const char *want[] = {"0", "0.05", "0.7", "8.25", "35.7", "70", "100"};
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
        fm_buf b = FM_BUF_INIT;
        char *s;
        cr_assert_eq(fm_score_add_points(&b, h[i]), FM_OK);
        s = fm_buf_detach(&b, NULL);
        cr_assert_str_eq(s, want[i]);
        free(s);
    }
}

Test(score, ssyk_fit_alone_in_ten_thousandths)
{
    fm_score_match m;
    int rank;
    bool from_interest;
    cr_assert_eq(fm_score_ssyk_fit("9999|5311", "", "5312", &m, &rank, &from_interest), 5100);
    cr_assert_eq(m, FM_MATCH_SSYK3);
    cr_assert_eq(rank, 2);
    cr_assert(from_interest);
    cr_assert_eq(fm_score_ssyk_fit("", "5312", "5312", &m, &rank, &from_interest), 5000);
    cr_assert_eq(rank, 0);
    cr_assert(!from_interest);
    cr_assert_eq(fm_score_ssyk_fit("4110", "9111", "5312", NULL, NULL, NULL), 0);
}
