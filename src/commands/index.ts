/** The command table, in the order of the pipeline. */
import type { Command } from "./command.js";
import { checkCommand } from "./check.js";
import { rankCommand } from "./rank.js";
import { buildCommand } from "./build.js";
import { startCommand } from "./start.js";
import { previewCommand } from "./preview.js";
import { sendCommand } from "./send.js";
import { approveCommand } from "./approve.js";
import { statusCommand } from "./status.js";
import { serveCommand } from "./serve.js";
import { suppressCommand } from "./suppress.js";
import { suppressionsCommand } from "./suppressions.js";
import { bouncesCommand } from "./bounces.js";
import { consentCommand, forgetCommand, subscribersCommand } from "./subscribers.js";

export const commands: readonly Command[] = [
  checkCommand,
  rankCommand,
  buildCommand,
  startCommand,
  previewCommand,
  approveCommand,
  sendCommand,
  statusCommand,
  serveCommand,
  bouncesCommand,
  suppressCommand,
  suppressionsCommand,
  subscribersCommand,
  consentCommand,
  forgetCommand,
];
