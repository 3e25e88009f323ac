/**
 * The latest version of each process definition by id and tenant, and which ids are deployed in any tenant,
 * remembered once read: every create by `processDefinitionId` (`POST /v2/process-instances`, the usual way) asks for
 * both (the route guard whether the id names anything, the command its latest version), and each was a SQL read per
 * instance. Any change of the table (a deployment, a deletion) or a rollback forgets all of it: deployments are rare,
 * and a new version must win at once.
 */
import type { ProcessDefinitionRecord } from '../state/records.js';
import type { RecordTable, TableObserver } from './record-table.js';

export class LatestProcessDefinitions implements TableObserver<ProcessDefinitionRecord> {
  /**
   * By tenant, then BPMN process id. A miss is not remembered: ids nobody deployed would otherwise grow the map
   * without bound (any signed-in caller can send them), and a create of an unknown id is rare and answered 404.
   */
  private readonly byTenant = new Map<string, Map<string, ProcessDefinitionRecord>>();
  /** BPMN process ids with a version in some tenant; misses are not remembered, as above. */
  private readonly deployed = new Set<string>();

  constructor(private readonly table: RecordTable<ProcessDefinitionRecord>) {
    table.observe(this);
  }

  get(bpmnProcessId: string, tenantId: string): ProcessDefinitionRecord | undefined {
    let ids = this.byTenant.get(tenantId);
    const remembered = ids?.get(bpmnProcessId);
    if (remembered) return remembered;
    const latest = this.table.first('bpmn_process_id = ? AND tenant_id = ? ORDER BY version DESC', bpmnProcessId, tenantId);
    if (!latest) return undefined;
    if (!ids) this.byTenant.set(tenantId, (ids = new Map()));
    ids.set(bpmnProcessId, latest);
    return latest;
  }

  /** Whether any tenant has a version of `bpmnProcessId`. */
  isDeployed(bpmnProcessId: string): boolean {
    if (this.deployed.has(bpmnProcessId)) return true;
    if (!this.table.first('bpmn_process_id = ?', bpmnProcessId)) return false;
    this.deployed.add(bpmnProcessId);
    return true;
  }

  changed(): void {
    this.clear();
  }

  clear(): void {
    this.byTenant.clear();
    this.deployed.clear();
  }

  transactionEnded(): void {}
}
