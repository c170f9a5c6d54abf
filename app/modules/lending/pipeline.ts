// The pipeline's steps and figures, for both sides (the page names them; pipeline.server.ts counts them).
import { LOAN_STATUSES } from "../../../machines/vocabulary";

export const PIPELINE_STEPS = ["referred", ...LOAN_STATUSES] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export type PipelineCell = { count: number; total: number };
export type PipelineMonth = { month: string } & Record<PipelineStep, PipelineCell>;
