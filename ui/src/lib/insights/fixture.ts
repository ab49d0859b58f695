// Scorecard builders for the unit tests.

import type { Scorecard, TouchpointScore } from "../backend";

export function tpScore(id: string, over: Partial<TouchpointScore> = {}): TouchpointScore {
  return {
    id,
    title: id,
    stage: "s1",
    friction: null,
    emotion: null,
    priority: null,
    impact: null,
    pain_point: false,
    behind_the_line: false,
    serves: [],
    fed_by: [],
    label: null,
    coverage: 0,
    low_confidence: true,
    effort_cues: [],
    factors: [],
    missing: [],
    reach_assumed: false,
    responses: 0,
    nps: null,
    csat: null,
    ces: { ces5: null, ces7: null },
    fcr: null,
    aht_minutes: null,
    negative_comment_share: null,
    targets: [],
    ...over,
  };
}

export function scorecard(tps: TouchpointScore[]): Scorecard {
  return {
    journey: {
      friction: null,
      emotion: null,
      remembered_emotion: null,
      nps: null,
      csat: null,
      ces: { ces5: null, ces7: null },
      responses: 0,
      pain_points: 0,
      churn_rate: null,
      clv: null,
      reach_assumed: false,
      targets: [],
    },
    stages: [],
    touchpoints: tps,
  };
}
