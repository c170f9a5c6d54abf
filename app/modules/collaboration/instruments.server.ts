// The collaboration survey's instruments: versions of a questionnaire and their content.
//
// Tables (db/schema.ts, "Collaboration survey"; migration 0009):
//   survey_instruments        one version of a questionnaire: code (shared by its versions), version,
//                             name_id/name_en, copied_from_id. A copy is a new version; a version any
//                             round uses is never edited again (instrumentInUse below).
//   survey_indicators         instrument_id, position, label_id/label_en (e.g. "Proses kolaborasi").
//   survey_sub_indicators     indicator_id, position, label_id/label_en (e.g. "Dialog tatap muka").
//   survey_statements         sub_indicator_id, position, text_id/text_en, reverse (counts as 6 − answer).
//   survey_bands              instrument_id, lower_bound (REAL, e.g. 4.0), code (SB/B/KB/TB/STB),
//                             label_id/label_en. A score takes the band with the highest lower bound
//                             at or below it, on the unrounded score.
//   survey_rounds             name, period_start/period_end (ISO dates the answers speak about),
//                             instrument_id (the version it uses), scope ('province' | 'districts'),
//                             opened_by/opened_at, closed_by/closed_at (null while open).
//   survey_round_districts    round_id, district_id: the districts of a 'districts' round.
//   survey_round_groups       round_id, respondent_group: the groups asked.
//   survey_responses          one per (round_id, user_id) (UNIQUE): respondent_group, status
//                             ('draft' | 'submitted'), agency_id (mentor's agency, entrepreneur's
//                             serving agency), organisation_id (partner staff), participant_id
//                             (entrepreneur), created_at/updated_at/submitted_at. Group, agency,
//                             organisation and districts are captured when the response is saved.
//   survey_response_districts response_id, district_id: the districts a response speaks for (an
//                             entrepreneur's district; a mentor's districts in scope; partner staff's
//                             referred participants' districts in scope; a coordinator's city's
//                             districts in scope, or all of the scope for a province coordinator).
//   survey_answers            (response_id, statement_id) primary key, value CHECK 1..5.
// Results count submitted responses only (status = 'submitted'); drafts are the respondent's own.
// Respondent groups (machines/vocabulary.ts RESPONDENT_GROUPS): mentor, agency_staff (coordinators:
// the programme's own agency staff), partner_staff (role partner), entrepreneur.
export {};
