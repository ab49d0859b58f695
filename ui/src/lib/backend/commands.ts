// The Backend methods that are one command of the table, written once for
// both transports: each names its command and builds its request. The
// transports (tauri.ts, http.ts) add what moves raw bytes or differs by
// front (downloads in a browser, files by path on the desktop).

import type { CsvTable, ExportFormat, TargetOwner, WaveName } from "./backend";
import type {
  Comparison,
  EvidenceCoverage,
  ImportStats,
  MapOrigin,
  MapRef,
  ResponsesPreview,
  SurveyColumns,
  TextFile,
} from "./analysis";
import { call, type CommandName, type CommandRequest, type CommandResponse } from "./rpc";
import type {
  AsOf,
  Board,
  Explanation,
  Homeless,
  ImportSource,
  Kpi,
  KpiTarget,
  MapStrip,
  MapSummary,
  MapThemes,
  Scorecard,
  SettingProblem,
  SettingValue,
  TargetGroup,
  TemplateInfo,
  ThemesQuery,
  TitleClash,
  Trend,
  VersionInfo,
  WaveComparison,
  WaveRow,
} from "./types";

export abstract class CommandBackend {
  /** Sends one command; see rpc.ts. */
  protected abstract send(name: CommandName, request: unknown): Promise<unknown>;

  /** Calls command `name` of the table with its typed request. */
  call<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
    return call((n, r) => this.send(n, r), name, request);
  }

  listMaps(): Promise<MapSummary[]> {
    return this.call("list_maps", {});
  }

  listTemplates(): Promise<TemplateInfo[]> {
    return this.call("list_templates", {});
  }

  createMap(template: string, title: string): Promise<string> {
    return this.call("create_map", { template, title });
  }

  createVersion(id: string, label: string): Promise<VersionInfo> {
    return this.call("create_version", { id, label });
  }

  listVersions(id: string): Promise<VersionInfo[]> {
    return this.call("list_versions", { id });
  }

  restoreVersion(id: string, version: string): Promise<VersionInfo> {
    return this.call("restore_version", { id, version });
  }

  /** Files by path are the desktop app's: a browser's server answers
   * `unsupported` with what to do instead. */
  exportMap(id: string, format: ExportFormat, path: string): Promise<string> {
    return this.call("export_map", { id, format, path });
  }

  scoreMap(id: string, brief = false, asOf?: AsOf, covers?: Uint8Array): Promise<Scorecard> {
    return this.call("score_map", {
      id,
      brief,
      ...asOfField(asOf),
      ...(covers ? { covers: Array.from(covers) } : {}),
    });
  }

  mapBoard(id: string, asOf?: AsOf): Promise<Board> {
    return this.call("map_board", { id, ...asOfField(asOf) });
  }

  explainTouchpoint(id: string, touchpoint: string, asOf?: AsOf): Promise<Explanation> {
    return this.call("explain_touchpoint", { id, touchpoint, ...asOfField(asOf) });
  }

  checkSettings(values: SettingValue[]): Promise<SettingProblem[]> {
    return this.call("check_settings", { values });
  }

  mapThemes(query: ThemesQuery): Promise<MapThemes> {
    return this.call("themes", query);
  }

  mapTrend(id: string): Promise<Trend> {
    return this.call("map_trend", { id });
  }

  mapWaves(id: string): Promise<WaveRow[]> {
    return this.call("map_waves", { id });
  }

  compareWaves(id: string, before: string, after: string): Promise<WaveComparison> {
    return this.call("compare_waves", { id, before, after });
  }

  setTarget(
    id: string,
    of: TargetOwner | null,
    kpi: Kpi,
    target: KpiTarget | null,
  ): Promise<TargetGroup> {
    return this.call("set_target", {
      id,
      kpi,
      ...(of ?? {}),
      ...(target === null ? {} : { target }),
    });
  }

  saveCsv(path: string, table: CsvTable): Promise<string> {
    return this.call("save_csv", { path, header: table.header, rows: table.rows });
  }

  renameMap(id: string, title: string): Promise<MapSummary> {
    return this.call("rename_map", { id, title });
  }

  titleClashes(ids: string[]): Promise<TitleClash[]> {
    return this.call("title_clashes", { ids });
  }

  duplicateMap(id: string): Promise<string> {
    return this.call("duplicate_map", { id });
  }

  async trashMap(id: string): Promise<void> {
    await this.call("trash_map", { id });
  }

  async untrashMap(id: string): Promise<void> {
    await this.call("untrash_map", { id });
  }

  async markOpened(id: string): Promise<void> {
    await this.call("mark_opened", { id });
  }

  mapStrips(): Promise<MapStrip[]> {
    return this.call("map_strips", {});
  }

  importMap(source: ImportSource): Promise<string> {
    return "path" in source
      ? this.call("import_file", { path: source.path })
      : this.call("import_map", source);
  }

  mapHomeless(id: string): Promise<Homeless> {
    return this.call("map_homeless", { id });
  }

  rehome(id: string, entity: string, stage: string, lane?: string): Promise<Homeless> {
    return this.call(
      "rehome",
      lane === undefined ? { id, entity, stage } : { id, entity, stage, lane },
    );
  }

  readTextFile(path: string): Promise<TextFile> {
    return this.call("read_text_file", { path });
  }

  previewResponses(
    id: string,
    file: TextFile,
    columns: SurveyColumns | null,
  ): Promise<ResponsesPreview> {
    return this.call("preview_responses", surveyRequest(id, file, columns));
  }

  importResponses(
    id: string,
    file: TextFile,
    columns: SurveyColumns | null,
    wave?: WaveName,
  ): Promise<ImportStats> {
    const request = surveyRequest(id, file, columns);
    if (wave) {
      request.wave = wave.label;
      if (wave.date) request.date = wave.date;
    }
    return this.call("import_responses", request);
  }

  evidenceCoverage(id: string, asOf?: AsOf): Promise<EvidenceCoverage> {
    return this.call("evidence_coverage", { id, ...asOfField(asOf) });
  }

  createFutureState(id: string, title?: string): Promise<string> {
    return this.call("create_future_state", title === undefined ? { id } : { id, title });
  }

  mapOrigins(id: string): Promise<MapOrigin[]> {
    return this.call("map_origins", { id });
  }

  compareMaps(before: MapRef, after: MapRef): Promise<Comparison> {
    return this.call("compare_maps", { before, after });
  }
}

/** The request's `as_of`, left out when not given (the latest wave). */
function asOfField(asOf: AsOf | undefined): { as_of?: AsOf } {
  return asOf === undefined ? {} : { as_of: asOf };
}

function surveyRequest(
  id: string,
  file: TextFile,
  columns: SurveyColumns | null,
): CommandRequest<"preview_responses"> {
  const { name, text } = file;
  const request: CommandRequest<"preview_responses"> = { id, name, text };
  if (columns?.mapping) request.mapping = columns.mapping;
  if (columns?.wide) request.wide = columns.wide;
  return request;
}
