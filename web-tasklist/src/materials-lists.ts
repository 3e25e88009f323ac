/**
 * The lists of the 材料清单 panel, from the case's variables: what the applicant handed in, what the window
 * received, what came with the last 补正, what a reviewer verified, what is still missing. The processes name the
 * same list differently (the intake list: FC1–7 `materialsSubmitted`, FC11–14 `materials`, the others
 * `submittedMaterials`; the reviewer's: `materialsChecked` on most review forms, `receivedMaterials` on FC20 初步审核
 * and FC21 登记, `verifiedEvidence` on FC18/22 初审, `keyChangeProof` on FC7 审核), so a later step (复审, 财务) sees
 * the first reviewer's ticks whatever her form called them. Items are shown by the label of the form's option
 * (the shared label catalogue), and an intake item no reviewer verified is marked, in words: 需补正 where the
 * reviewer sent it back, else 未确认无误. The reviewer's options are worded as the intake's (docs/modeler-guide.md),
 * so one set of strings compares them. Pure, no DOM.
 */
import { optionLabel, type VariableLabels } from '../../web-shared/src/format/variable-labels.js';
import { t } from './texts.js';

/** The intake list's names; a case has one. */
const INTAKE = ['submittedMaterials', 'materialsSubmitted', 'materials'] as const;
/** The lists a reviewer ticks: verified materials (`receivedMaterials` only beside an intake list) and 核定依据. */
const VERIFIED = ['materialsChecked', 'receivedMaterials', 'verifiedEvidence'] as const;
/** The last 补正's list: 补正 forms call it `correctedMaterials`, FC19–21's 补充材料 `supplementedMaterials`. */
const CORRECTED = ['correctedMaterials', 'supplementedMaterials'] as const;

/** Every case variable the panel reads (the task page reads them with the case header, case-data.ts). */
export const MATERIAL_VARIABLES = [...INTAKE, ...VERIFIED, ...CORRECTED, 'keyChangeProof', 'missingMaterials'] as const;

export interface MaterialItem {
  /** As stored (an option's value). */
  value: string;
  /** The form's option label, or the value where no option words it. */
  label: string;
  /** Handed in at intake but not among the reviewer's verified materials (only where a reviewer's list exists). */
  unverified: boolean;
  /** Of those, one the reviewer sent back (in `missingMaterials`, not brought with the last 补正): 需补正. */
  sentBack: boolean;
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

export interface MaterialListsOptions {
  /**
   * The variables the open task's form writes (and reads): a verified list it writes is the reviewer's own from the
   * round before a return (初审 → 补正 → 初审), titled so and not used to mark the intake list — she is verifying anew;
   * a corrected list with no missing list is the 补正 task's, the previous 补正's list.
   */
  formWrites?: readonly string[];
  /**
   * The step that returned the case with `missingMaterials` has approved since (case-data.ts `missingListSettled`): the
   * list is the return's, nothing of it outstanding; not shown, nor marked 需补正.
   */
  missingSettled?: boolean;
}

/** The lists worth showing (none empty), in the order a case goes through them. */
export function materialLists(values: Record<string, unknown>, labels: VariableLabels, options: MaterialListsOptions = {}): MaterialList[] {
  const writes = new Set(options.formWrites ?? []);
  const intakeName = INTAKE.find((name) => Array.isArray(values[name]));
  const intake = intakeName === undefined ? [] : strings(values[intakeName]);
  // with an intake list beside it, receivedMaterials is ticked by the reviewer (FC20 初步审核, FC21 登记); alone, it is
  // the window's intake record (FC19 收取材料)
  const receivedByReviewer = intakeName !== undefined && Array.isArray(values.receivedMaterials);
  const verifiedLists = VERIFIED.filter((name) => Array.isArray(values[name]) && (name !== 'receivedMaterials' || receivedByReviewer));
  const verifiedAll = new Set(verifiedLists.flatMap((name) => strings(values[name])));
  // the marks need a list that covers the materials one by one (核定依据 is a part of them only), ticked by someone
  // other than whoever has the open form; the union, so an item ticked under either name is not also 未核验 (FC18/22)
  const othersLists = verifiedLists.filter((name) => !writes.has(name));
  const marksAgainst = othersLists.some((name) => name !== 'verifiedEvidence') ? new Set(othersLists.flatMap((name) => strings(values[name]))) : undefined;
  const correctedName = CORRECTED.find((name) => Array.isArray(values[name])) ?? 'correctedMaterials';
  // on the 补正 task itself the corrected list is the previous 补正's: the list told at this return is newer, and
  // nothing of it has come yet. The reviewer's form shows the corrected list too (disabled, so among the names its
  // form reads) but is the one that writes the missing list.
  const correcting = writes.has(correctedName) && !writes.has('missingMaterials');
  const corrected = correcting ? [] : strings(values[correctedName]);
  const missing = options.missingSettled ? [] : strings(values.missingMaterials);
  const sentBack = new Set(missing.filter((value) => !corrected.includes(value)));
  // what was missing and has come since (with the last 补正) or was verified is no longer missing (the variable
  // keeps the list told at the return)
  const stillMissing = missing.filter((value) => !verifiedAll.has(value) && !corrected.includes(value));
  const earlier = (name: string, title: string) => (writes.has(name) ? t.materials.earlierRound(title) : title);

  const lists: { name: string | undefined; title: string; values: string[]; checkAgainstVerified?: boolean; missing?: boolean }[] = [
    { name: intakeName, title: t.materials.submitted, values: intake, checkAgainstVerified: true },
    { name: 'receivedMaterials', title: t.materials.received, values: receivedByReviewer ? [] : strings(values.receivedMaterials) },
    { name: correctedName, title: correcting ? t.materials.earlierRound(t.materials.corrected) : t.materials.corrected, values: strings(values[correctedName]) },
    { name: 'materialsChecked', title: earlier('materialsChecked', t.materials.checked), values: strings(values.materialsChecked) },
    { name: 'receivedMaterials', title: earlier('receivedMaterials', t.materials.receivedAtReview), values: receivedByReviewer ? strings(values.receivedMaterials) : [] },
    { name: 'verifiedEvidence', title: earlier('verifiedEvidence', t.materials.verifiedEvidence), values: strings(values.verifiedEvidence) },
    { name: 'keyChangeProof', title: earlier('keyChangeProof', t.materials.keyChangeProof), values: strings(values.keyChangeProof) },
    { name: 'missingMaterials', title: corrected.length ? t.materials.missingAtReturn : t.materials.missing, values: stillMissing, missing: true },
  ];
  return lists
    .filter((list): list is typeof list & { name: string } => list.name !== undefined && list.values.length > 0)
    .map((list) => {
      const items = list.values.map((value) => {
        const unverified = list.checkAgainstVerified === true && marksAgainst !== undefined && !marksAgainst.has(value);
        return { value, label: optionLabel(labels, list.name, value) ?? value, unverified, sentBack: unverified && sentBack.has(value) };
      });
      return { name: list.name, title: list.title, items, unverifiedCount: items.filter((item) => item.unverified).length, missing: list.missing === true };
    });
}

// helpers

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
