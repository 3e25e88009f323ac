/**
 * Fills the monitor's read model (`monitor.sqlite`) for mode (m): `completed` cases that ended over the last three
 * years and `open` cases started over the last 60 days, spread over every process of bpmn/catalog.json, each open
 * case waiting in one of its model's user tasks (a tenth assigned) and each completed case with its last task
 * completed by one of the office's clerks and its outcome (办结, 不予办理, 不予受理), so the overview has every figure to add up: per process, per national
 * item, cycle times, punctuality, open cases by step and group, per-clerk workload.
 *
 * Feeding a million cases through the engine and the feeder would take hours; the rows are written with the read
 * model's own schema (MonitorStore creates it, its triggers keep the day tables), so the overview reads exactly the
 * tables and indexes it reads in service (written through MonitorStore, as the feeder writes them). Deterministic (seeded random numbers) so runs compare. The cases carry
 * keys no engine knows; the feeder never looks them up (its sweep walks the engine's open cases).
 */
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { MonitorStore } from '../../web-monitor/server/read-model/monitor-store.js';
import { mulberry32 } from './open-tasks-seed.js';

const BATCH = 20_000;
const DAY = 86_400_000;
const CLERKS = ['zhang-min', 'li-jing', 'wang-fang', 'zhao-lei', 'chen-hui', 'liu-yang'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '马', '韩', '赵', '孙'];
const GIVEN = ['秀英', '建国', '海燕', '志强', '玉兰', '德明', '春花', '永福'];

export function seedMonitorReadModel(file: string, counts: { completed: number; open: number }, now = Date.now()): { cases: number; tasks: number } {
  const store = new MonitorStore(file);
  const random = mulberry32(20_261_205);
  const processes = loadOfficeCatalog().processes.filter((process) => process.userTasks.length > 0);
  const common = { processDefinitionKey: '1', version: 1, hasIncident: false, originalDeadlineDay: null, deadlineProvisional: false, figuresProvisional: false };
  let key = 9_000_000_000_000_000n;
  let tasks = 0;
  // China Standard Time has had no daylight saving since 1991: the office day is UTC + 8 h
  const day = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);
  const write = (total: number, one: (i: number) => void) => {
    for (let done = 0; done < total; done += BATCH) {
      store.transaction(() => {
        for (let i = done; i < Math.min(total, done + BATCH); i++) one(i);
      });
    }
  };
  const limitOf = (processIndex: number) => processes[processIndex]!.timeLimit.workingDays ?? 20;

  write(counts.completed, (i) => {
    const p = i % processes.length;
    const process = processes[p]!;
    const limit = limitOf(p);
    const cycle = Math.floor(random() * (limit + 4));
    const started = now - DAY * (2 + Math.floor(random() * 3 * 365));
    const ended = Math.min(now - DAY, started + Math.round((cycle * 7 * DAY) / 5));
    const caseKey = String((key += 1n));
    const startDay = day(started);
    const applicant = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    store.putCase({
      ...common, processInstanceKey: caseKey, processId: process.processId, state: 'COMPLETED', startDate: new Date(started).toISOString(),
      endDate: new Date(ended).toISOString(), startDay, endDay: day(ended), acceptedDay: startDay, deadlineDay: day(started + Math.round((limit * 7 * DAY) / 5)),
      applicant, cycleWorkingDays: cycle, onTime: cycle <= limit,
    });
    // how it ended (schema 4): one in twenty refused at intake, counted apart from 办结 on 首页
    store.setOutcome(caseKey, i % 20 === 7 ? 'notAccepted' : i % 20 === 13 ? 'refused' : 'granted');
    const task = process.userTasks[i % process.userTasks.length]!;
    store.putTask({
      userTaskKey: String((key += 1n)), processInstanceKey: caseKey, processId: process.processId, elementId: task.elementId, name: task.nameZh,
      state: 'COMPLETED', assignee: CLERKS[i % CLERKS.length]!, candidateGroups: task.candidateGroups, creationDate: new Date(started).toISOString(),
      completionDate: new Date(ended).toISOString(), dueDate: null, completionDay: day(ended), handlingWorkingDays: Math.min(cycle, 3),
    });
    tasks += 1;
  });
  write(counts.open, (i) => {
    const p = i % processes.length;
    const process = processes[p]!;
    const started = now - Math.floor(random() * 60 * DAY);
    const caseKey = String((key += 1n));
    const startDay = day(started);
    const applicant = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    // deadlines from ten days ago to a month ahead: some overdue, some due soon, most in time
    const deadline = day(now + DAY * (Math.floor(random() * 40) - 10));
    store.putCase({
      ...common, processInstanceKey: caseKey, processId: process.processId, state: 'ACTIVE', startDate: new Date(started).toISOString(), endDate: null,
      startDay, endDay: null, acceptedDay: startDay, deadlineDay: deadline, applicant, cycleWorkingDays: null, onTime: null,
    });
    const task = process.userTasks[i % process.userTasks.length]!;
    store.putTask({
      userTaskKey: String((key += 1n)), processInstanceKey: caseKey, processId: process.processId, elementId: task.elementId, name: task.nameZh,
      state: 'CREATED', assignee: random() < 0.1 ? CLERKS[i % CLERKS.length]! : null, candidateGroups: task.candidateGroups,
      creationDate: new Date(started).toISOString(), completionDate: null, dueDate: null, completionDay: null, handlingWorkingDays: null,
    });
    tasks += 1;
  });
  store.close();
  return { cases: counts.completed + counts.open, tasks };
}
