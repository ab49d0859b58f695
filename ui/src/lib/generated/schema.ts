// Generated from crates/core/src/schema.rs by its test `typescript_schema_is_current`:
// do not edit. After changing the Rust side, rewrite it with
// `WAYMARK_BLESS=1 cargo test -p waymark-core --lib schema`.

/** What a lane holds (`LaneKind`). */
export const LANE_KINDS = [
  "customer_actions",
  "touchpoints",
  "channels",
  "thoughts",
  "emotions",
  "pain_points",
  "opportunities",
  "frontstage",
  "backstage",
  "support_processes",
  "metrics",
  "ownership",
  "free_text",
] as const;

/** What a note is (`AnnotationKind`). */
export const ANNOTATION_KINDS = [
  "pain_point",
  "idea",
  "question",
  "evidence",
] as const;

/** Service or experience (`Nature`). */
export const NATURES = [
  "service",
  "experience",
] as const;

/** How much we know a touchpoint is real (`Evidence`). */
export const EVIDENCE = [
  "observed",
  "assumed",
  "proposed",
] as const;

/** The longest title or name, in characters (`limits::TITLE_CHARS`). */
export const TITLE_CHARS = 200;

/** The longest description, in characters (`limits::DESCRIPTION_CHARS`). */
export const DESCRIPTION_CHARS = 5000;

/** A touchpoint's scoring inputs with their ranges (`schema::INPUTS`). */
export const INPUTS = {
  emotion: { label: "Emotion", min: -2, max: 2, integer: true },
  friction: { label: "Friction", min: 0, max: 4, integer: true },
  steps: { label: "Steps", min: 0, max: 1000000, integer: true },
  expected_steps: { label: "Expected steps", min: 0, max: 1000000, integer: true },
  transfers: { label: "Transfers", min: 0, max: 1000000, integer: true },
  channel_switches: { label: "Channel switches", min: 0, max: 1000000, integer: true },
  wait_minutes: { label: "Wait (min)", min: 0, max: 1000000000, integer: false },
  wait_desired_minutes: { label: "Desired wait (min)", min: 0, max: 1000000000, integer: false },
  wait_adequate_minutes: { label: "Adequate wait (min)", min: 0, max: 1000000000, integer: false },
  fcr_rate: { label: "First-contact resolution", min: 0, max: 1, integer: false },
  error_rate: { label: "Error / drop-off rate", min: 0, max: 1, integer: false },
  aht_minutes: { label: "Handle time (min)", min: 0, max: 1000000000, integer: false },
  reach: { label: "Reach / month", min: 0, max: 9007199254740991, integer: true },
} as const;

/** The scoring settings with their ranges (`schema::SETTINGS`). */
export const SETTING_FIELDS: readonly SettingField[] = [
  { group: "friction_weights", key: "survey_effort", label: "Survey effort (CES)", min: 0, max: 100, integer: false },
  { group: "friction_weights", key: "repeat_contact", label: "Repeat contact (1 − FCR)", min: 0, max: 100, integer: false },
  { group: "friction_weights", key: "handoffs", label: "Hand-offs", min: 0, max: 100, integer: false },
  { group: "friction_weights", key: "wait", label: "Wait", min: 0, max: 100, integer: false },
  { group: "friction_weights", key: "errors", label: "Errors / drop-off", min: 0, max: 100, integer: false },
  { group: "friction_weights", key: "extra_steps", label: "Extra steps", min: 0, max: 100, integer: false },
  { group: "emotion_weights", key: "survey", label: "Survey answers (CSAT, emotion)", min: 0, max: 100, integer: false },
  { group: "emotion_weights", key: "sentiment", label: "Comment sentiment", min: 0, max: 100, integer: false },
  { group: "emotion_weights", key: "designer", label: "Designer's rating", min: 0, max: 100, integer: false },
  { group: "thresholds", key: "pain_friction", label: "Pain point at friction ≥", min: 0, max: 100, integer: false },
  { group: "thresholds", key: "pain_emotion", label: "… or emotion ≤", min: -100, max: 100, integer: false },
  { group: "thresholds", key: "pain_negative_comment_share", label: "… or negative comments share ≥", min: 0, max: 1, integer: false, help: "0–1" },
  { group: "thresholds", key: "min_responses", label: "Low confidence under (answers)", min: 0, max: 1000000, integer: true },
  { key: "service_desired_wait_minutes", label: "Desired wait at service touchpoints (min)", min: 0, max: 1000000000, integer: false },
];

export interface SettingField {
  group?: "friction_weights" | "emotion_weights" | "thresholds";
  key: string;
  label: string;
  min: number;
  max: number;
  integer: boolean;
  help?: string;
}

/** The KPIs a target can be set on, with their ranges (`targets::Kpi`). */
export const TARGET_KPIS = {
  nps: { label: "NPS", min: -100, max: 100, higherIsBetter: true },
  csat: { label: "CSAT", min: 0, max: 100, higherIsBetter: true },
  ces: { label: "CES", min: 1, max: 7, higherIsBetter: false },
  friction: { label: "Friction", min: 0, max: 100, higherIsBetter: false },
  emotion: { label: "Emotion", min: -100, max: 100, higherIsBetter: true },
} as const;

/** `waymark_core::Settings::default()`. */
export const DEFAULT_SETTINGS = {
  "friction_weights": {
    "survey_effort": 0.3,
    "repeat_contact": 0.2,
    "handoffs": 0.15,
    "wait": 0.15,
    "errors": 0.15,
    "extra_steps": 0.05
  },
  "emotion_weights": {
    "survey": 0.5,
    "sentiment": 0.3,
    "designer": 0.2
  },
  "thresholds": {
    "pain_friction": 60.0,
    "pain_emotion": -20.0,
    "pain_negative_comment_share": 0.5,
    "min_responses": 30
  },
  "service_desired_wait_minutes": 10.0
};

export type ScoringSettings = typeof DEFAULT_SETTINGS;

/** Channel kinds, most specific first, with their icon (an SVG path in a
 * 16×16 box, stroked) and the words that name each
 * (`channels::WORDS`); a word matches with or without a final "s", hyphens
 * join, and the first kind with a matching word wins. */
export const CHANNEL_KINDS = [
  { kind: "video", label: "Video", icon: "M1.5 4.5h8.5v7H1.5z M10 7l4.5-2.5v7L10 9", words: ["video", "videocall", "videochat", "videoconference", "facetime", "webinar", "zoom"] },
  { kind: "chat", label: "Chat or messaging", icon: "M2.5 3h11v7.5H7.5L4.5 13v-2.5h-2z M5.5 6.8h.01 M8 6.8h.01 M10.5 6.8h.01", words: ["chat", "webchat", "livechat", "chatbot", "bot", "messenger", "messaging", "message", "whatsapp", "sms", "text", "imessage", "telegram", "signal"] },
  { kind: "social", label: "Social media", icon: "M2.5 8a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 4a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M5.4 7.3l5.2-2.6 M5.4 8.7l5.2 2.6", words: ["social", "facebook", "instagram", "twitter", "linkedin", "tiktok", "youtube", "reddit", "forum", "community"] },
  { kind: "email", label: "Email", icon: "M2 4h12v8H2z M2 4.5l6 4.5 6-4.5", words: ["email", "mail", "newsletter", "inbox", "courriel"] },
  { kind: "kiosk", label: "Self-service or kiosk", icon: "M3.5 1.5h9v9h-9z M5.5 3.5h5v3h-5z M2 14.5h12 M5 10.5v4 M11 10.5v4", words: ["kiosk", "atm", "selfservice", "selfcheckout", "terminal", "machine", "vending", "ticketmachine"] },
  { kind: "app", label: "Mobile app", icon: "M5 1.5h6a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1z M7 12.3h2", words: ["app", "mobile", "mobileapp", "ios", "android", "smartphone", "tablet", "push", "notification"] },
  { kind: "web", label: "Website", icon: "M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2z M2 8h12 M8 2c-2.4 2.4-2.4 9.6 0 12 M8 2c2.4 2.4 2.4 9.6 0 12", words: ["web", "website", "site", "online", "portal", "internet", "browser", "www", "ecommerce", "webshop", "form"] },
  { kind: "store", label: "In store or branch", icon: "M2 6.5h12 M3 6.5V14h10V6.5 M2 6.5l1.5-4h9l1.5 4 M6.5 14v-4h3v4", words: ["store", "instore", "shop", "branch", "office", "counter", "desk", "showroom", "outlet", "retail", "boutique", "agency", "clinic", "hotel", "reception", "frontdesk", "person", "inperson", "facetoface", "onsite"] },
  { kind: "letter", label: "Letter or post", icon: "M1.5 4h13v8.5h-13z M11 5.5h2v2h-2z M3.5 9h5 M3.5 10.8h3.5", words: ["letter", "post", "postal", "paper", "brochure", "leaflet", "flyer", "snailmail"] },
  { kind: "phone", label: "Phone", icon: "M4 2.5h2l1 3-1.5 1a8 8 0 0 0 4 4l1-1.5 3 1v2a1.5 1.5 0 0 1-1.5 1.5A11 11 0 0 1 2.5 4 1.5 1.5 0 0 1 4 2.5z", words: ["phone", "telephone", "call", "callcenter", "callcentre", "hotline", "ivr", "voice", "voicemail", "helpline"] },
] as const;

export type ChannelKind = (typeof CHANNEL_KINDS)[number]["kind"];

/** Channels with the kind both matchers give them (`channels::examples`). */
export const CHANNEL_EXAMPLES: readonly [string, ChannelKind | null][] = [
  ["Phone", "phone"],
  ["phone call", "phone"],
  ["Call centre", "phone"],
  ["IVR", "phone"],
  ["E-mail", "email"],
  ["Emails", "email"],
  ["email newsletter", "email"],
  ["Web", "web"],
  ["Website", "web"],
  ["online form", "web"],
  ["App", "app"],
  ["Mobile app", "app"],
  ["mobile web", "app"],
  ["iOS / Android", "app"],
  ["Chat", "chat"],
  ["Web chat", "chat"],
  ["SMS", "chat"],
  ["WhatsApp", "chat"],
  ["In store", "store"],
  ["In-store", "store"],
  ["Branch", "store"],
  ["Front desk", "store"],
  ["Social", "social"],
  ["Instagram", "social"],
  ["Letter", "letter"],
  ["Post", "letter"],
  ["Video call", "video"],
  ["Zoom", "video"],
  ["Kiosk", "kiosk"],
  ["Self-service", "kiosk"],
  ["ATM", "kiosk"],
  ["", null],
  ["Carrier pigeon", null],
  ["Word of mouth", null],
];
