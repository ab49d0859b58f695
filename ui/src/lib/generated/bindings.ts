// Generated from crates/api/src/rpc (the command table) by
// `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings`. Do not edit.

/**
 * An error as it travels to the UI: `{code, message}`.
 */
export type ApiErrorPayload = { code: Code, message: string, };

/**
 * Which survey answers current scores read.
 */
export type AsOf = "latest" | { "wave": string } | "all_waves";

/**
 * The board, ranked.
 */
export type Board = { items: Array<BoardItem>, 
/**
 * [`CSV_COLUMNS`].
 */
csv_header: Array<string>, 
/**
 * The survey wave the scores it ranks are as of ([`Scorecard::as_of`]).
 */
as_of?: string | null, };

/**
 * One line of the board.
 */
export type BoardItem = { 
/**
 * Stable across re-ranks: `pain_point:<touchpoint>`,
 * `opportunity:<touchpoint>` or `note:<note>`.
 */
key: string, kind: BoardItemKind, source: BoardItemSource, 
/**
 * The touchpoint's title, or the note's text.
 */
title: string, 
/**
 * The touchpoint it is about (the note's, for a note on one).
 */
touchpoint: string | null, 
/**
 * The note it comes from, for source `note`.
 */
note: string | null, stage: string | null, 
/**
 * Empty when the item has no stage.
 */
stage_name: string, owner: string, channel: string, nature: Nature | null, evidence: Evidence | null, 
/**
 * 0–100 relative to the map, as the scorecard has it.
 */
priority: number | null, 
/**
 * The absolute figure the board ranks by (see
 * [`crate::priority::impact`]).
 */
impact: number | null, friction: number | null, emotion: number | null, votes: number, 
/**
 * The targets of its touchpoint, then of its stage, with their status
 * on the current scores ("NPS 12 · target ≥ 30 not met").
 */
targets: Array<TargetNote>, 
/**
 * 1-based, over the whole board.
 */
rank: number, 
/**
 * This item as a CSV row under [`Board::csv_header`] (see
 * [`BoardItem::cells`]), so a front exporting some items writes the
 * same cells as `waymark board --csv`.
 */
csv_row: Array<string>, };

export type BoardItemKind = "pain_point" | "opportunity";

/**
 * Why an item is on the board.
 */
export type BoardItemSource = "score" | "lane" | "note";

/**
 * Customer effort on its two scales; the two are never mixed because a 3 on
 * one means something else than a 3 on the other.
 */
export type Ces = { 
/**
 * Mean on the 1–5 effort scale (lower is better).
 */
ces5: number | null, 
/**
 * Mean on the 1–7 "it was easy" scale (higher is better).
 */
ces7: number | null, };

/**
 * How a metric moved from one wave to the next.
 */
export type Change = "rose" | "fell" | "within_noise" | "not_measured";

export type Changes = { nps: Change, csat: Change, ces5: Change, ces7: Change, };

/**
 * What went wrong, for fronts to branch on (never on the message).
 * Serialized in snake_case; the server's HTTP status for each is in
 * `waymark_server`'s `status_for`, the only place codes meet HTTP.
 */
export type Code = "not_found" | "invalid" | "import_failed" | "conflict" | "forbidden" | "not_a_library" | "newer_library" | "corrupt_library" | "read_only" | "disk_full" | "locked" | "permission_denied" | "storage" | "library_open" | "io" | "unsupported" | "full" | "too_many" | "ended" | "internal" | "unauthorized" | "unreachable";

export type CompareMaps = { before: MapRef, after: MapRef, };

export type CompareWaves = { id: string, 
/**
 * Wave labels.
 */
before: string, after: string, };

export type Comparison = { before_title: string, after_title: string, 
/**
 * The "after" map's touchpoints in its order, then the removed ones.
 */
touchpoints: Array<TouchpointDiff>, 
/**
 * The "after" map's stages in order, then the removed ones.
 */
stages: Array<StageDelta>, journey: JourneyDelta, added: number, removed: number, changed: number, 
/**
 * "What improved", one sentence each, largest first.
 */
improved: Array<string>, 
/**
 * What got worse, one sentence each, largest first.
 */
worsened: Array<string>, };

export type CreateMap = { template?: string, 
/**
 * Empty or missing: the map is named after its template.
 */
title?: string, };

export type CreateVersion = { id: string, label: string, };

/**
 * A file read for the preview: its header, its first rows as they are.
 */
export type CsvSample = { headers: Array<string>, rows: Array<Array<string>>, 
/**
 * Data rows in the file (blank lines not counted).
 */
total_rows: number, };

/**
 * A table the UI made (the pain-point board): a header and rows of text.
 */
export type CsvTable = { header: Array<string>, rows: Array<Array<string>>, };

/**
 * The deck dialog's choices, as the fronts send them. Every field is
 * optional: all sections, no company, logo or version label, today's date
 * (UTC).
 */
export type DeckRequest = { 
/**
 * Section names ("title", "summary", "map", "stages", "pain-points", "trends").
 */
sections?: Array<string>, company?: string, 
/**
 * PNG or JPEG bytes.
 */
logo?: Array<number>, version_label?: string, 
/**
 * YYYY-MM-DD.
 */
date?: string, 
/**
 * The survey wave the scores are as of; missing: the latest.
 */
as_of?: AsOf, };

export type DeckWritten = { path: string, slides: number, bytes: number, warnings: Array<string>, };

/**
 * A score on both sides; `change` is `after − before` when both exist.
 */
export type Delta = { before: number | null, after: number | null, change: number | null, };

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

/**
 * Which side of the value is the goal.
 */
export type Direction = "at_least" | "at_most";

/**
 * How often one effort cue appeared in a touchpoint's comments.
 */
export type EffortCue = { cue: string, 
/**
 * Comments mentioning it.
 */
comments: number, };

/**
 * Emotion labels. Positive emotion is "relief" at a reactive (service)
 * touchpoint — the problem went away — and "delight" at a proactive
 * (experience) one. Negative emotion is "frustration" at a service
 * touchpoint (the fix itself hurt) and "disappointment" at an experience one
 * (a promise was not kept). Within ±10 of zero the label is "neutral".
 */
export type EmotionLabel = "relief" | "delight" | "neutral" | "frustration" | "disappointment";

/**
 * How much we know that a touchpoint is real: seen in research, believed, or
 * a proposal for the future state.
 */
export type Evidence = "observed" | "assumed" | "proposed";

/**
 * The journey's evidence coverage. Shares are percentages (0–100) of all
 * its touchpoints; `None` when there is nothing to divide by.
 */
export type EvidenceCoverage = { touchpoints: number, observed: number, assumed: number, proposed: number, observed_pct: number | null, assumed_pct: number | null, proposed_pct: number | null, 
/**
 * The last survey wave's label; none when the map has no waves.
 */
last_wave: string | null, 
/**
 * Touchpoints with at least one answer in the last wave.
 */
with_survey: number, 
/**
 * Their share; none without a wave.
 */
with_survey_pct: number | null, };

export type ExplainTouchpoint = { id: string, touchpoint: string, 
/**
 * Missing: as of the latest wave.
 */
as_of?: AsOf, };

/**
 * One survey answer about the touchpoint, as the explanation shows it.
 */
export type ExplainedResponse = { respondent: string, date: string, scale: Scale, value: number, comment: string, 
/**
 * VADER compound score of the comment, −1..1; `None` without a comment.
 */
sentiment: number | null, 
/**
 * The effort cues found in the comment.
 */
cues: Array<string>, };

/**
 * Why a touchpoint scores what it does: its score with every factor, and
 * the survey answers behind it with each comment's sentiment and cues.
 */
export type Explanation = { score: TouchpointScore, 
/**
 * Oldest first, then by respondent: the raw answers, read from the
 * library's tables (a workshop browser, which has only the map's
 * document, sees the quotes instead).
 */
responses: Array<ExplainedResponse>, 
/**
 * A few real comments from the statistics the map's document carries,
 * the most negative first.
 */
quotes: Array<string>, };

export type ExportDeck = { id: string, request: DeckRequest, path: string, 
/**
 * A PNG or JPEG the person chose, read here.
 */
logo_path?: string, };

export type ExportMap = { id: string, 
/**
 * "waymark", "mermaid" or "csv".
 */
format: string, path: string, 
/**
 * A version's id or label; missing: the map as it is now.
 */
version?: string, };

export type ExportReport = { id: string, request: ReportRequest, path: string, 
/**
 * A PNG or JPEG the person chose, read here.
 */
logo_path?: string, };

/**
 * One term of an additive score. For each score the factors' `points` add
 * up to the score exactly (to 1e-9): `points = normalized × share`, `share
 * = weight / Σ weight of the factors present`, and the score *is* that sum.
 */
export type Factor = { 
/**
 * "survey_effort", "repeat_contact", "handoffs", "wait", "errors",
 * "extra_steps", "designer_severity" (friction); "survey_net",
 * "comment_sentiment", "designer_rating" (emotion).
 */
factor: string, score: ScoreKind, 
/**
 * The input as measured: a mean, a rate, a count, minutes, a rating.
 */
raw: number, 
/**
 * What `raw` is measured in: "minutes", "CES5 mean, 1–5", ...
 */
unit: string, 
/**
 * The input on the score's scale (0–100 for friction, −100..100 for emotion).
 */
normalized: number, 
/**
 * The configured weight (1 for the designer severity fallback, which
 * stands in for the whole friction score).
 */
weight: number, 
/**
 * The part of the score this factor decides, 0..1: its weight over the
 * weight of the factors present. Larger than the configured share when
 * other factors were not measured (see [`TouchpointScore::missing`]).
 */
share: number, 
/**
 * `normalized × share`.
 */
points: number, 
/**
 * Answers or comments behind a survey factor; `None` for typed-in figures.
 */
n: number | null, source: FactorSource, };

/**
 * Where a factor's data came from.
 */
export type FactorSource = "survey" | "comments" | "operations" | "designer";

/**
 * One wave's figures for the journey, a stage or a touchpoint. Friction and
 * emotion are the scorecard's (composite scores, so no interval).
 */
export type Figures = { 
/**
 * Answers of the wave about it.
 */
n: number, nps: number | null, nps_n: number, nps_ci: [number, number] | null, csat: number | null, csat_n: number, csat_ci: [number, number] | null, ces5: number | null, ces5_ci: [number, number] | null, ces7: number | null, ces7_ci: [number, number] | null, friction: number | null, emotion: number | null, 
/**
 * Since the wave before; `None` in the first wave.
 */
changes: Changes | null, 
/**
 * The targets of the journey, stage or touchpoint checked on this
 * wave's figures.
 */
targets: Array<TargetCheck>, };

export type FutureState = { id: string, 
/**
 * Missing: "… (to-be)".
 */
title?: string, };

/**
 * The map's homeless entities and the sentence that sums them up.
 */
export type Homeless = { 
/**
 * "2 touchpoints lost their stage in a concurrent edit"; `None` when the
 * list is empty.
 */
summary: string | null, entities: Array<Orphan>, };

export type ImportStats = { added: number, replaced: number, };

/**
 * A `.waymark` or Mermaid file's name (which says its format) and text.
 */
export type ImportText = { name: string, content: string, };

export type JourneyDelta = { friction: Delta, emotion: Delta, remembered_emotion: Delta, nps: Delta, csat: Delta, pain_points: Delta, };

export type JourneyScore = { 
/**
 * Reach-weighted mean touchpoint friction, 0–100.
 */
friction: number | null, 
/**
 * Reach-weighted mean touchpoint emotion, −100..100.
 */
emotion: number | null, 
/**
 * Peak–end rule: (most extreme touchpoint emotion + last one) / 2.
 */
remembered_emotion: number | null, nps: number | null, csat: number | null, ces: Ces, 
/**
 * Survey answers about this journey's touchpoints.
 */
responses: number, pain_points: number, 
/**
 * Share of customers lost over the period, 0..1.
 */
churn_rate: number | null, 
/**
 * Customer lifetime value, in the unit of the average purchase value.
 */
clv: number | null, 
/**
 * True when some touchpoint in the friction or emotion mean had no reach
 * and was counted as an average touchpoint.
 */
reach_assumed: boolean, 
/**
 * The journey's targets with their status.
 */
targets: Array<TargetCheck>, };

/**
 * The figures a target can be set on.
 */
export type Kpi = "nps" | "csat" | "ces" | "friction" | "emotion";

/**
 * One target: "NPS ≥ 30" is `{direction: at_least, value: 30}` under `nps`.
 */
export type KpiTarget = { direction: Direction, value: number, };

/**
 * What a link is doing.
 */
export type LinkState = "syncing" | "connected" | "offline" | "error" | "stopped";

/**
 * A map's link and what its sync is doing, as fronts show it.
 */
export type LinkView = { link: MapLink, status: SyncStatus, };

/**
 * Another touchpoint across the line of visibility, linked by arrows (see
 * `waymark_score::blueprint`).
 */
export type LinkedTouchpoint = { id: string, title: string, friction: number | null, pain_point: boolean, 
/**
 * Its 0–100 priority.
 */
priority: number | null, };

/**
 * What the entity lost.
 */
export type Lost = "stage" | "lane" | "stage_and_lane" | "target" | "end" | "waiting";

/**
 * A request naming one map and the survey wave its scores are as of.
 */
export type MapAsOf = { id: string, 
/**
 * Missing: as of the latest wave.
 */
as_of?: AsOf, };

/**
 * A request naming one map.
 */
export type MapId = { id: string, };

/**
 * Maps named by id.
 */
export type MapIds = { ids: Array<string>, };

/**
 * A map's link to a room, as fronts show it. The token is never serialized.
 */
export type MapLink = { map_id: string, server: string, room: string, has_token: boolean, token_via: TokenVia, protocol: SyncProtocol, linked_at: string, last_sync_at: string | null, 
/**
 * How the last attempt ended: `connected`, `offline` or `error`.
 */
last_state: string | null, last_error: string | null, };

/**
 * A map made from another one: `map_id` was copied from `source_id`.
 */
export type MapOrigin = { map_id: string, source_id: string, 
/**
 * What the copy is, e.g. "future_state".
 */
kind: string, created_at: string, };

/**
 * One side of a comparison: a map, as it is now or at a named version.
 */
export type MapRef = { map: string, 
/**
 * A version id or label; `None` for the map as it is now.
 */
version?: string | null, };

/**
 * A map's stages scored, for the small friction/emotion strip in lists.
 */
export type MapStrip = { id: string, stages: Array<StripStage>, };

/**
 * A map as the library lists it, read from the derived `maps` table.
 */
export type MapSummary = { id: string, title: string, persona: string | null, stages: number, touchpoints: number, annotations: number, created_at: string, updated_at: string, 
/**
 * When the map was last opened in an editor, if ever.
 */
opened_at: string | null, };

/**
 * What `waymark themes` and the `themes` command answer.
 */
export type MapThemes = { map: string, 
/**
 * The wave the themes are as of (each touchpoint's comments from that
 * wave, or its latest earlier one); `null`: every wave's, each answer
 * once (a later wave's copy wins).
 */
wave: string | null, 
/**
 * In map order (stage, then position); every touchpoint asked for,
 * with or without comments.
 */
touchpoints: Array<TouchpointThemes>, 
/**
 * In map order; none when one touchpoint was asked for.
 */
stages: Array<StageThemes>, };

/**
 * A configured factor with no data for a touchpoint: the factors present
 * took over its weight in proportion to their own.
 */
export type MissingFactor = { factor: string, score: ScoreKind, 
/**
 * Its configured weight.
 */
weight: number, };

/**
 * One metric of one part of the journey that changed beyond noise.
 */
export type Movement = { scope: Scope, 
/**
 * The stage's or touchpoint's id; `None` for the journey.
 */
id?: string, name: string, metric: WaveMetric, before: number, after: number, change: Change, 
/**
 * "Journey: NPS rose from −12 to +18."
 */
sentence: string, };

/**
 * Service is reactive (it fixes one problem); experience is proactive (it
 * shapes the whole journey). Positive emotion at a service touchpoint is
 * relief, at an experience touchpoint delight.
 */
export type Nature = "service" | "experience";

/**
 * A request with nothing in it.
 */
export type NoArgs = Record<symbol, never>;

/**
 * One homeless entity.
 */
export type Orphan = { kind: OrphanKind, id: string, 
/**
 * The touchpoint's title, the note's text or the arrow's label.
 */
label: string, lost: Lost, 
/**
 * The homeless touchpoint it comes back with (when `lost` is `Waiting`).
 */
waits_for?: string, 
/**
 * Whether [`rehome`] can put it back (a touchpoint, or a note whose
 * stage or touchpoint is gone): sent with the list, so no front
 * repeats the rule.
 */
can_rehome: boolean, };

/**
 * What kind of entity lost its home.
 */
export type OrphanKind = "touchpoint" | "note" | "arrow";

export type PathArg = { 
/**
 * Absolute, or relative to the home folder.
 */
path: string, };

export type PreviewError = { line: number, column: string | null, message: string, 
/**
 * The whole message, "file:line: column c: problem".
 */
text: string, };

/**
 * One question column and what it says about which touchpoint.
 */
export type Question = { 
/**
 * The column's name in the file.
 */
column: string, 
/**
 * The touchpoint's id (or its exact title).
 */
touchpoint: string, 
/**
 * The answers' scale; none: the column holds comments on the touchpoint.
 */
scale: Scale | null, };

export type Rehome = { id: string, entity: string, stage: string, 
/**
 * For a touchpoint: by default its old lane if it exists, else the first.
 */
lane?: string, };

export type RenameMap = { id: string, title: string, };

/**
 * The report dialog's choices, as the fronts send them. Every field is
 * optional: page size A4, all sections, no company, logo or version label,
 * today's date (UTC).
 */
export type ReportRequest = { 
/**
 * "a4", "a3", "letter" or "tabloid".
 */
page_size?: string, 
/**
 * Section names ("summary", "map", "stages", "trends", "pain-points", "appendix").
 */
sections?: Array<string>, company?: string, 
/**
 * PNG or JPEG bytes.
 */
logo?: Array<number>, version_label?: string, 
/**
 * YYYY-MM-DD.
 */
date?: string, 
/**
 * The survey wave the scores are as of; missing: the latest.
 */
as_of?: AsOf, };

export type ReportWritten = { path: string, pages: number, bytes: number, warnings: Array<string>, };

/**
 * What importing the file would do, found without importing it.
 */
export type ResponsesPreview = { sample: CsvSample, 
/**
 * The columns of the survey format, required first.
 */
expected: Array<string>, 
/**
 * The mapping used for a long file (the suggested one when none was
 * given); empty for a wide one.
 */
mapping: { [key in string]: string }, 
/**
 * The survey tool whose export this is, when recognised from its headers.
 */
tool: SurveyTool | null, 
/**
 * The tool's name ("Qualtrics"), for the wizard to say.
 */
tool_name: string | null, 
/**
 * A wide file's columns (suggested when none were given); none for a long file.
 */
wide: WideColumns | null, 
/**
 * The map's touchpoints a wide file's questions can be mapped to (empty
 * for a long file).
 */
touchpoints: Array<TouchpointChoice>, 
/**
 * Every problem, with its line; empty when the file can be imported.
 */
errors: Array<PreviewError>, 
/**
 * Answers the file holds when it is valid.
 */
answers: number, 
/**
 * Of those, answers new to the map and answers replacing one it has.
 */
added: number, replaced: number, 
/**
 * The wave label the file suggests (its name; filled by the library,
 * which owns the rule: `waymark_api::survey_watch::wave_label`).
 */
wave: string, 
/**
 * The map's survey waves, so the wizard can say that a label it
 * re-uses replaces that wave (filled by the library).
 */
waves: Array<string>, };

export type RestoreVersion = { id: string, 
/**
 * The version's id or label.
 */
version: string, };

export type SaveCsv = { path: string, header: Array<string>, rows: Array<Array<string>>, };

/**
 * The scale a survey answer was given on. NPS 0–10, CSAT 1–5, CES 1–7
 * (agree it was easy, higher is better) or 1–5 (effort, lower is better),
 * emotion −2..+2.
 */
export type Scale = "nps" | "csat" | "ces5" | "ces7" | "emotion";

export type Scope = "journey" | "stage" | "touchpoint";

/**
 * Which score a factor explains.
 */
export type ScoreKind = "friction" | "emotion";

export type ScoreMap = { id: string, 
/**
 * Leave out each touchpoint's factors and effort cues.
 */
brief?: boolean, 
/**
 * Missing: as of the latest wave.
 */
as_of?: AsOf, 
/**
 * A Yjs state vector (the editor's document as it asks): score the map
 * once it holds that much ([`Library::score_covering`]), so the editor
 * need not wait for its edit to be durable first.
 */
covers?: Array<number>, };

export type Scorecard = { journey: JourneyScore, 
/**
 * In stage order.
 */
stages: Array<StageScore>, 
/**
 * Highest priority first; touchpoints without a priority last; ties in
 * journey order.
 */
touchpoints: Array<TouchpointScore>, 
/**
 * The survey wave the scores are as of ([`crate::as_of`]); none when
 * every wave's answers are pooled (chosen, or a map without waves).
 */
as_of?: string | null, };

export type SetTarget = { id: string, 
/**
 * A touchpoint's id or exact title; missing (and no stage): the
 * journey's target.
 */
touchpoint?: string, 
/**
 * A stage's id or exact name, for a stage's target.
 */
stage?: string, kpi: Kpi, 
/**
 * Missing: clear the target.
 */
target?: KpiTarget, };

/**
 * What is wrong with a setting, or with a group (`"friction_weights"`).
 */
export type SettingProblem = { field: string, message: string, };

/**
 * One setting as typed: its id (`"friction_weights.wait"`, or the key alone
 * for a setting outside a group) and its value (`null`: not a number).
 */
export type SettingValue = { field: string, value: number | null, };

/**
 * The settings as typed in the dialog.
 */
export type SettingsDraft = { values: Array<SettingValue>, };

export type StageDelta = { id: string, name: string, status: DiffStatus, friction: Delta, emotion: Delta, touchpoints_before: number, touchpoints_after: number, };

export type StageScore = { id: string, name: string, friction: number | null, emotion: number | null, 
/**
 * Highest friction, then lowest emotion.
 */
worst_touchpoint: string | null, nps: number | null, csat: number | null, ces: Ces, responses: number, 
/**
 * As for the journey: some touchpoint's reach was assumed.
 */
reach_assumed: boolean, 
/**
 * The stage's targets with their status, on its pooled figures.
 */
targets: Array<TargetCheck>, };

/**
 * The themes of all the comments on one stage's touchpoints.
 */
export type StageThemes = { id: string, title: string, 
/**
 * Distinct non-empty comments in the group.
 */
comments: number, 
/**
 * Comments in no theme (they share no words with enough others).
 */
unthemed: number, 
/**
 * Largest first, then by label.
 */
themes: Array<Theme>, };

export type StageTrend = { id: string, name: string, 
/**
 * Answers of the wave about it.
 */
n: number, nps: number | null, nps_n: number, nps_ci: [number, number] | null, csat: number | null, csat_n: number, csat_ci: [number, number] | null, ces5: number | null, ces5_ci: [number, number] | null, ces7: number | null, ces7_ci: [number, number] | null, friction: number | null, emotion: number | null, 
/**
 * Since the wave before; `None` in the first wave.
 */
changes: Changes | null, 
/**
 * The targets of the journey, stage or touchpoint checked on this
 * wave's figures.
 */
targets: Array<TargetCheck>, };

/**
 * One stage of a map's strip: its friction (0–100) and emotion (−100..100),
 * `None` where there is no data.
 */
export type StripStage = { name: string, friction: number | null, emotion: number | null, };

/**
 * A survey CSV as the import wizard sends it.
 */
export type SurveyFile = { id: string, 
/**
 * The file name, for messages ("survey.csv:12: …").
 */
name: string, text: string, 
/**
 * A long file's column for each field; missing: suggested from the headers.
 */
mapping?: { [key in string]: string }, 
/**
 * A wide file's respondent, date and questions (as the preview
 * suggested them, confirmed or changed); missing: from the headers.
 */
wide?: WideColumns, 
/**
 * The wave to import into (the wizard suggests the file's name); an
 * existing label's wave is replaced by this file. Missing: the answers
 * join the day's wave and nothing is removed.
 */
wave?: string, 
/**
 * The wave's date, YYYY-MM-DD; missing: the latest answer's date (for
 * a named wave).
 */
date?: string, };

/**
 * A survey tool whose export Waymark recognises.
 */
export type SurveyTool = "qualtrics" | "medallia" | "survey_monkey" | "typeform" | "google_forms";

/**
 * The kind of server a link talks to. Both carry the Yjs sync protocol;
 * they differ in how a connection names its document and authenticates.
 */
export type SyncProtocol = "y-websocket" | "hocuspocus";

/**
 * A link's state as fronts show it.
 */
export type SyncStatus = { state: LinkState, 
/**
 * When the map and the room were last known to be in step (RFC 3339).
 */
last_sync_at: string | null, 
/**
 * Why the link is offline or in error.
 */
message: string | null, };

/**
 * One target with the figure it was checked against.
 */
export type TargetCheck = { kpi: Kpi, target: KpiTarget, value: number | null, status: TargetStatus, };

/**
 * The targets of the journey, one stage or one touchpoint, checked.
 */
export type TargetGroup = { 
/**
 * Set for a touchpoint's targets.
 */
touchpoint?: string, 
/**
 * Set for a stage's targets (neither: the journey's own).
 */
stage?: string, 
/**
 * The touchpoint's title, the stage's name, or the map's title.
 */
title: string, checks: Array<TargetCheck>, };

/**
 * A target with its figure and status, worded once for the board, the deck
 * and the PDF: "NPS 12 · target ≥ 30 not met". `of` names a stage's target
 * ("Stage Onboarding: …"); a touchpoint's own has none.
 */
export type TargetNote = { check: TargetCheck, text: string, };

export type TargetStatus = "met" | "not_met" | "not_measured";

/**
 * What a template picker shows about one template.
 */
export type TemplateInfo = { 
/**
 * The name [`load`] takes.
 */
name: string, title: string, description: string, stages: number, touchpoints: number, };

/**
 * A text file the person chose.
 */
export type TextFile = { 
/**
 * The file name, for messages ("survey.csv:12: …").
 */
name: string, text: string, };

/**
 * One theme of a group of comments.
 */
export type Theme = { 
/**
 * Made from the theme's words: its most frequent keyphrase.
 */
label: string, 
/**
 * The words its comments share, as most of them write them.
 */
terms: Array<string>, 
/**
 * Comments in the theme (each comment is in one theme at most).
 */
count: number, 
/**
 * `count` over all the group's comments, 0..1.
 */
share: number, 
/**
 * Mean VADER compound score of its comments, −1..1.
 */
sentiment: number, 
/**
 * Effort cues in its comments, most frequent first.
 */
effort_cues: Array<EffortCue>, 
/**
 * Up to [`QUOTES`] of its comments, exactly as written.
 */
quotes: Array<string>, };

/**
 * Which comments to group: one touchpoint or stage (by id or title),
 * missing: all of them; as of which wave (missing: the latest).
 */
export type ThemesQuery = { id: string, touchpoint?: string, stage?: string, as_of?: AsOf, };

/**
 * An imported map whose title another map already had, and the free title
 * keeping both gives it.
 */
export type TitleClash = { id: string, was: string, title: string, };

/**
 * How the token reaches the server: `?token=…` on the URL (what y-websocket
 * clients send, and what y-redis and Hocuspocus setups commonly read) or an
 * `Authorization: Bearer …` header.
 */
export type TokenVia = "query" | "header";

/**
 * A touchpoint as the wizard's question mapping offers it.
 */
export type TouchpointChoice = { id: string, title: string, };

export type TouchpointDiff = { id: string, 
/**
 * The title after the change (before, for a removed touchpoint).
 */
title: string, 
/**
 * The stage it is in after the change (before, when removed).
 */
stage: string, status: DiffStatus, 
/**
 * What changed, in words ("title", "stage", "wait minutes", ...).
 */
changes: Array<string>, friction: Delta, emotion: Delta, 
/**
 * The absolute impact (see [`crate::priority::impact`]): the 0–100
 * priority is relative to each map's top item, so two states' priorities
 * do not compare.
 */
impact: Delta, pain_point_before: boolean, pain_point_after: boolean, };

export type TouchpointScore = { id: string, title: string, stage: string, 
/**
 * 0–100.
 */
friction: number | null, 
/**
 * −100..100.
 */
emotion: number | null, 
/**
 * 0–100 relative to the map: 100 is its highest-impact touchpoint;
 * a whole number, at least 1 for any positive impact (see
 * [`crate::priority::relative`]). `None` without friction.
 */
priority: number | null, 
/**
 * The absolute figure behind `priority`: reach share × friction ×
 * how much it hurts, ×100 (see [`crate::priority::impact`]); for a
 * touchpoint behind the line of visibility, the impact it causes
 * through the customer touchpoints it serves.
 */
impact: number | null, pain_point: boolean, 
/**
 * In a backstage or support-process lane: its own friction is internal,
 * and it ranks only through `serves`.
 */
behind_the_line: boolean, 
/**
 * Behind the line: the customer-facing touchpoints it feeds (through
 * arrows, across other backstage touchpoints). Empty otherwise.
 */
serves: Array<LinkedTouchpoint>, 
/**
 * Customer-facing: the touchpoints behind the line that feed it.
 */
fed_by: Array<LinkedTouchpoint>, label: EmotionLabel | null, 
/**
 * Share of the configured friction and emotion weight that had data, 0..1.
 */
coverage: number, 
/**
 * Fewer survey answers than `thresholds.min_responses` back it.
 */
low_confidence: boolean, effort_cues: Array<EffortCue>, 
/**
 * Friction factors first, then emotion factors.
 */
factors: Array<Factor>, 
/**
 * Configured factors with no data; the factors present share their
 * weight (friction first, then emotion).
 */
missing: Array<MissingFactor>, 
/**
 * The touchpoint has no reach; it was given the journey's mean reach.
 */
reach_assumed: boolean, 
/**
 * Survey answers about this touchpoint.
 */
responses: number, nps: number | null, csat: number | null, ces: Ces, 
/**
 * First-contact resolution, 0..1, as typed in.
 */
fcr: number | null, 
/**
 * Average handle time in minutes, as typed in.
 */
aht_minutes: number | null, 
/**
 * Share of comments with compound ≤ −0.05; `None` without comments.
 */
negative_comment_share: number | null, 
/**
 * The wave its survey answers come from when scores are as of a wave:
 * that wave, or an earlier one carried forward when that wave has no
 * answers about it. None when waves are pooled or it has no answers.
 */
wave?: string | null, 
/**
 * The touchpoint's targets with their status.
 */
targets: Array<TargetCheck>, };

/**
 * The themes of one touchpoint's comments.
 */
export type TouchpointThemes = { id: string, title: string, 
/**
 * Its stage's id.
 */
stage: string, 
/**
 * Distinct non-empty comments in the group.
 */
comments: number, 
/**
 * Comments in no theme (they share no words with enough others).
 */
unthemed: number, 
/**
 * Largest first, then by label.
 */
themes: Array<Theme>, };

export type TouchpointTrend = { id: string, title: string, stage: string, 
/**
 * Answers of the wave about it.
 */
n: number, nps: number | null, nps_n: number, nps_ci: [number, number] | null, csat: number | null, csat_n: number, csat_ci: [number, number] | null, ces5: number | null, ces5_ci: [number, number] | null, ces7: number | null, ces7_ci: [number, number] | null, friction: number | null, emotion: number | null, 
/**
 * Since the wave before; `None` in the first wave.
 */
changes: Changes | null, 
/**
 * The targets of the journey, stage or touchpoint checked on this
 * wave's figures.
 */
targets: Array<TargetCheck>, };

export type Trend = { 
/**
 * Oldest first, as given.
 */
waves: Array<WaveTrend>, };

/**
 * A named version of a map.
 */
export type VersionInfo = { id: string, label: string, created_at: string, };

/**
 * What moved between two waves.
 */
export type WaveComparison = { before: string, after: string, 
/**
 * Better beyond noise: journey, then stages, then touchpoints, each
 * largest move first.
 */
improved: Array<Movement>, 
/**
 * Worse beyond noise, in the same order.
 */
worse: Array<Movement>, 
/**
 * Figures measured in both waves whose move was within noise.
 */
within_noise: number, 
/**
 * Figures without an interval in one of the waves.
 */
not_measured: number, };

/**
 * The survey metrics that carry an interval.
 */
export type WaveMetric = "nps" | "csat" | "ces5" | "ces7";

/**
 * A wave as listed: its label, date (YYYY-MM-DD, when given), when it was
 * imported and how many answers it holds.
 */
export type WaveRow = { label: string, date: string | null, imported_at: string, answers: number, };

export type WaveTrend = { label: string, date: string | null, journey: Figures, 
/**
 * In stage order.
 */
stages: Array<StageTrend>, 
/**
 * In journey order.
 */
touchpoints: Array<TouchpointTrend>, };

/**
 * How a wide file's columns become answers.
 */
export type WideColumns = { 
/**
 * The column naming each respondent; none: "line N".
 */
respondent: string | null, 
/**
 * The column dating each answer; none: the wave's date.
 */
date: string | null, questions: Array<Question>, };

/** Every command: its request and its response. */
export interface Commands {
  /** The maps in the library, most recently edited first. */
  list_maps: { request: NoArgs; response: Array<MapSummary> };
  /** The built-in templates a new map can start from. */
  list_templates: { request: NoArgs; response: Array<TemplateInfo> };
  /** Create a map from a template; answers the new map's id. */
  create_map: { request: CreateMap; response: string };
  /** Rename a map; answers its summary after the change. */
  rename_map: { request: RenameMap; response: MapSummary };
  /** The renames that keep just-imported maps apart from the others by title. */
  title_clashes: { request: MapIds; response: Array<TitleClash> };
  /** Copy a map (not its versions) as "… (copy)"; answers the copy's id. */
  duplicate_map: { request: MapId; response: string };
  /** Move a map to the trash (`untrash_map` undoes it). */
  trash_map: { request: MapId; response: null };
  /** Take a map back out of the trash. */
  untrash_map: { request: MapId; response: null };
  /** Note that a map was opened, for the recent list. */
  mark_opened: { request: MapId; response: null };
  /** Every listed map's stages with their friction and emotion scores. */
  map_strips: { request: NoArgs; response: Array<MapStrip> };
  /** Import a `.waymark` or Mermaid file sent as text; answers the new map's id. */
  import_map: { request: ImportText; response: string };
  /** Keep the map's current state as a named version. */
  create_version: { request: CreateVersion; response: VersionInfo };
  /** The map's named versions. */
  list_versions: { request: MapId; response: Array<VersionInfo> };
  /** Bring the map back to a version; answers the version kept of the state before. */
  restore_version: { request: RestoreVersion; response: VersionInfo };
  /** What concurrent edits left without a home in the map. */
  map_homeless: { request: MapId; response: Homeless };
  /** Put a homeless entity back; answers what is still homeless. */
  rehome: { request: Rehome; response: Homeless };
  /** The map's scorecard as of a survey wave (`brief` leaves out factors and effort cues). */
  score_map: { request: ScoreMap; response: Scorecard };
  /** The map's pain-point board, ranked (`waymark board --json`). */
  map_board: { request: MapAsOf; response: Board };
  /** One touchpoint's score with its factors, answers and their sentiment. */
  explain_touchpoint: { request: ExplainTouchpoint; response: Explanation };
  /** What the comments are about: themes per touchpoint and stage, from the survey waves. */
  themes: { request: ThemesQuery; response: MapThemes };
  /** Shares of touchpoints observed, assumed, proposed and with answers in the last wave. */
  evidence_coverage: { request: MapAsOf; response: EvidenceCoverage };
  /** The survey import's dry run: nothing is written. */
  preview_responses: { request: SurveyFile; response: ResponsesPreview };
  /** Import survey answers, all or nothing (re-importing replaces). */
  import_responses: { request: SurveyFile; response: ImportStats };
  /** Copy a map as its future state, linked to it; answers the copy's id. */
  create_future_state: { request: FutureState; response: string };
  /** The maps linked to this one: its source and the copies made from it. */
  map_origins: { request: MapId; response: Array<MapOrigin> };
  /** What changed from `before` to `after`, with score deltas. */
  compare_maps: { request: CompareMaps; response: Comparison };
  /** Every survey wave scored on its own answers, with 95% intervals, changes and targets. */
  map_trend: { request: MapId; response: Trend };
  /** The map's survey waves, oldest first (by date, undated last, then import time): the wave picker's choices. */
  map_waves: { request: MapId; response: Array<WaveRow> };
  /** What improved and what got worse beyond noise between two waves. */
  compare_waves: { request: CompareWaves; response: WaveComparison };
  /** The journey's and touchpoints' KPI targets with their status. */
  map_targets: { request: MapId; response: Array<TargetGroup> };
  /** Set or clear one KPI target of the journey or a touchpoint. */
  set_target: { request: SetTarget; response: TargetGroup };
  /** A table as CSV text through the one CSV writer (for a download). */
  csv_table: { request: CsvTable; response: string };
  /** What is wrong with the scoring settings as typed, by field (empty: all fine). */
  check_settings: { request: SettingsDraft; response: Array<SettingProblem> };
  /** Import a `.waymark` or Mermaid file by path (desktop). */
  import_file: { request: PathArg; response: string };
  /** Read a UTF-8 text file by path (desktop). */
  read_text_file: { request: PathArg; response: TextFile };
  /** Write the map as `format` to `path`; answers the absolute path (desktop). */
  export_map: { request: ExportMap; response: string };
  /** Write a table as CSV to `path`; answers the absolute path (desktop). */
  save_csv: { request: SaveCsv; response: string };
  /** Render the PDF report to `path` (desktop; a browser downloads it). */
  export_report: { request: ExportReport; response: ReportWritten };
  /** Render the editable PowerPoint deck to `path` (desktop; a browser downloads it). */
  export_deck: { request: ExportDeck; response: DeckWritten };
}

export type CommandName = keyof Commands;

/** Every command's name, in table order. */
export const COMMAND_NAMES: CommandName[] = [
  "list_maps",
  "list_templates",
  "create_map",
  "rename_map",
  "title_clashes",
  "duplicate_map",
  "trash_map",
  "untrash_map",
  "mark_opened",
  "map_strips",
  "import_map",
  "create_version",
  "list_versions",
  "restore_version",
  "map_homeless",
  "rehome",
  "score_map",
  "map_board",
  "explain_touchpoint",
  "themes",
  "evidence_coverage",
  "preview_responses",
  "import_responses",
  "create_future_state",
  "map_origins",
  "compare_maps",
  "map_trend",
  "map_waves",
  "compare_waves",
  "map_targets",
  "set_target",
  "csv_table",
  "check_settings",
  "import_file",
  "read_text_file",
  "export_map",
  "save_csv",
  "export_report",
  "export_deck",
];
