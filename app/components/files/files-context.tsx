// The files of the participant a page shows, for the evidence lists and the history deep inside it:
// given once by the page, read where a record is drawn. Pages without it show no files. The page also
// gives the components that draw them, so that a page without files (the entrepreneur's /saya, which
// shares the history) does not load their code.
import { createContext, useContext, type ComponentType, type ReactNode } from "react";
import type { ShownFile, UploadLimits } from "~/modules/files/shown";

export type ParticipantFiles = {
  participantId: number;
  files: ShownFile[];
  /** Null when the reader may not attach (the form is not offered). */
  limits: UploadLimits | null;
  /** The page to come back to after an upload or a withdrawal. */
  returnTo: string;
  /** components/files/file-list.tsx and attach-form.tsx. */
  views: {
    List: ComponentType<{ files: ShownFile[]; returnTo: string }>;
    Attach: ComponentType<{ participantId: number; evidenceId?: number; limits: UploadLimits; returnTo: string }>;
  };
};

const FilesContext = createContext<ParticipantFiles | null>(null);

export function FilesProvider({ value, children }: { value: ParticipantFiles; children: ReactNode }) {
  return <FilesContext.Provider value={value}>{children}</FilesContext.Provider>;
}

export function useParticipantFiles(): ParticipantFiles | null {
  return useContext(FilesContext);
}

export function filesOf(context: ParticipantFiles | null, evidenceId: number): ShownFile[] {
  return context ? context.files.filter((file) => file.evidenceId === evidenceId) : [];
}
