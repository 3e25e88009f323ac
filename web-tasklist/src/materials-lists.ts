/**
 * The lists of the 材料清单 panel, from the case's variables: what the applicant handed in, what the window
 * received, what came with the last 补正, what a reviewer verified, what is still missing. The processes name the
 * same list differently (the intake list: FC1–7 `materialsSubmitted`, FC11–14 `materials`, the others
 * `submittedMaterials`; the reviewer's: `materialsChecked` on most review forms, `receivedMaterials` on FC20 初步审核
 * and FC21 登记, `verifiedEvidence` on FC18/22 初审, `keyChangeProof` on FC7 审核), so a later step (复审, 财务) sees
 * the first reviewer's ticks whatever her form called them. Items are shown by the label of the form's option
 * (the shared label catalogue), and an intake item the reviewer did not verify is marked, in words. Pure, no DOM.
 */
import { optionLabel, type VariableLabels } from '../../web-shared/src/format/variable-labels.js';
import { t } from './texts.js';

export interface MaterialItem {
  /** As stored (an option's value). */
  value: string;
  /** The form's option label, or the value where no option words it. */
  label: string;
  /** Handed in at intake but not among the reviewer's verified materials (only where a reviewer's list exists). */
  unverified: boolean;
}

export interface MaterialList {
  /** The variable the list is read from. */
  name: string;
  title: string;
  items: MaterialItem[];
  /** How many items are {@link MaterialItem.unverified}. */
  unverifiedCount: number;
  /** Whether the list says what is missing (✗) rather than what is there (✓). */
  missing: boolean;
}

/** The intake list's names; a case has one. */
const INTAKE = ['submittedMaterials', 'materialsSubmitted', 'materials'];

/** The lists worth showing (none empty), in the order a case goes through them. */
export function materialLists(values: Record<string, unknown>, labels: VariableLabels): MaterialList[] {
  const intakeName = INTAKE.find((name) => Array.isArray(values[name]));
  const intake = intakeName === undefined ? [] : strings(values[intakeName]);
  // with an intake list beside it, receivedMaterials is ticked by the reviewer (FC20 初步审核, FC21 登记); alone, it is
  // the window's intake record (FC19 收取材料)
  const receivedByReviewer = intakeName !== undefined && Array.isArray(values.receivedMaterials);
  // the reviewer's list that covers the materials one by one (核定依据 and 变更证明 are a part of them only)
  const verifiedName = Array.isArray(values.materialsChecked) ? 'materialsChecked' : receivedByReviewer ? 'receivedMaterials' : undefined;
  const verified = verifiedName === undefined ? undefined : new Set(strings(values[verifiedName]));
  const correctedName = Array.isArray(values.correctedMaterials) ? 'correctedMaterials' : 'supplementedMaterials';

  const lists: { name: string | undefined; title: string; values: string[]; checkAgainstVerified?: boolean; missing?: boolean }[] = [
    { name: intakeName, title: t.materials.submitted, values: intake, checkAgainstVerified: true },
    { name: 'receivedMaterials', title: t.materials.received, values: receivedByReviewer ? [] : strings(values.receivedMaterials) },
    { name: correctedName, title: t.materials.corrected, values: strings(values[correctedName]) },
    { name: 'materialsChecked', title: t.materials.checked, values: strings(values.materialsChecked) },
    { name: 'receivedMaterials', title: t.materials.receivedAtReview, values: receivedByReviewer ? strings(values.receivedMaterials) : [] },
    { name: 'verifiedEvidence', title: t.materials.verifiedEvidence, values: strings(values.verifiedEvidence) },
    { name: 'keyChangeProof', title: t.materials.keyChangeProof, values: strings(values.keyChangeProof) },
    { name: 'missingMaterials', title: t.materials.missing, values: strings(values.missingMaterials), missing: true },
  ];
  return lists
    .filter((list): list is typeof list & { name: string } => list.name !== undefined && list.values.length > 0)
    .map((list) => {
      const items = list.values.map((value) => ({
        value,
        label: optionLabel(labels, list.name, value) ?? value,
        unverified: list.checkAgainstVerified === true && verified !== undefined && !verified.has(value),
      }));
      return { name: list.name, title: list.title, items, unverifiedCount: items.filter((item) => item.unverified).length, missing: list.missing === true };
    });
}

// helpers

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
