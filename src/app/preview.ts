/** `koepfe preview`: the preview server, rebuilding with the build use case. */
import { startPreview, type PreviewServer } from "../serve/preview/server.js";
import { buildEdition } from "./build.js";

export interface PreviewRequest {
  dir: string;
  /** 0 picks a free port. */
  port: number;
  templatesRoot?: string;
  debounceMs?: number;
  log?: (line: string) => void;
}

export function preview(request: PreviewRequest): Promise<PreviewServer> {
  return startPreview({
    dir: request.dir,
    port: request.port,
    ...(request.log === undefined ? {} : { log: request.log }),
    ...(request.templatesRoot === undefined ? {} : { templatesRoot: request.templatesRoot }),
    ...(request.debounceMs === undefined ? {} : { debounceMs: request.debounceMs }),
    // the editors see every place; what is not public yet is marked with its time
    build: (r) => buildEdition(request.dir, { ...r, preview: true }),
  });
}
