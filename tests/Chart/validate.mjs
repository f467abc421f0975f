// Validates every manifest rendered by `helm template` against the Kubernetes, KEDA and
// prometheus-operator schemas and, for the CloudNativePG resources, against the CRDs' own
// openAPIV3Schema (tests/Chart/crds), offline.
// Usage: node validate.mjs manifests.yaml [file to write the KEDA queue query to]
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { PodMonitor, PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

// A CRD's schema as the API server applies it, and stricter: a field the schema does not name is an
// error (kubectl apply --validate=strict), not silently pruned.
function strict(schema) {
  if (schema && typeof schema === 'object') {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined
      && !schema['x-kubernetes-preserve-unknown-fields']) {
      schema.additionalProperties = false;
    }
    for (const value of Object.values(schema)) strict(value);
  }
  return schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const crdModels = {};
const crdDirectory = join(dirname(fileURLToPath(import.meta.url)), 'crds');
for (const file of readdirSync(crdDirectory).filter(f => f.endsWith('.yaml'))) {
  const crd = parse(readFileSync(join(crdDirectory, file), 'utf8'));
  for (const version of crd.spec.versions.filter(v => v.served)) {
    const schema = strict(structuredClone(version.schema.openAPIV3Schema));
    // metadata is the API server's (ObjectMeta), checked by it, not by the CRD.
    schema.properties.metadata = { type: 'object' };
    const check = ajv.compile(schema);
    crdModels[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = class {
      constructor(doc) { this.doc = doc; }
      validate() {
        if (!check(this.doc)) throw new Error(ajv.errorsText(check.errors, { dataVar: 'resource' }));
      }
    };
  }
}

const models = {
  ...crdModels,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'v1/ConfigMap': ConfigMap,
  'batch/v1/CronJob': CronJob,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/Service': Service,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

const docs = parseAllDocuments(readFileSync(process.argv[2], 'utf8')).map(d => d.toJSON()).filter(Boolean);
let failures = 0;
const counts = {};
for (const doc of docs) {
  const key = `${doc.apiVersion}/${doc.kind}`;
  const Model = models[key];
  try {
    if (!Model) throw new Error(`no schema known for ${key}`);
    new Model(doc).validate();
    counts[doc.kind] = (counts[doc.kind] ?? 0) + 1;
  } catch (e) {
    failures++;
    console.log(`  FAIL ${key} ${doc.metadata?.name}: ${e.message}`);
  }
}
const scaled = docs.find(d => d.kind === 'ScaledObject' && d.metadata.name.endsWith('-envelopeingest'));
// Every HTTP function: a PodDisruptionBudget, and KEDA scaling from its request rate with a floor of one.
for (const d of docs.filter(d => d.kind === 'Deployment' && !d.metadata.name.endsWith('-envelopeingest'))) {
  const name = d.spec.selector.matchLabels['app.kubernetes.io/name'];
  const pdb = docs.find(p => p.kind === 'PodDisruptionBudget' && p.spec.selector.matchLabels['app.kubernetes.io/name'] === name);
  const so = docs.find(o => o.kind === 'ScaledObject' && o.spec.scaleTargetRef.name === d.metadata.name);
  const prometheus = so?.spec.triggers.find(t => t.type === 'prometheus');
  if (!pdb || pdb.spec.minAvailable !== 1 || !so || so.spec.minReplicaCount !== 1 || !prometheus?.metadata.query.includes(`function="${name}"`)
    || !so.spec.triggers.some(t => t.type === 'cron')) {
    failures++;
    console.log(`  FAIL ${d.metadata.name}: needs a PodDisruptionBudget and a ScaledObject on its request rate with a floor of one and the voting-window cron`);
  }
}
const trigger = scaled?.spec?.triggers?.[0];
if (!trigger || trigger.type !== 'postgresql' || scaled.spec.minReplicaCount !== 0 || trigger.metadata.activationTargetQueryValue !== '0') {
  failures++;
  console.log('  FAIL the ingest ScaledObject must use the postgresql trigger, scale to zero and activate at 0');
}
// Default deny in and out for every pod of the release; out only to DNS, the database and Redis
// (and the identity provider for LoginCallback, over 443 only).
const deny = docs.find(p => p.kind === 'NetworkPolicy' && p.metadata.name.endsWith('-default-deny'));
const egress = docs.filter(p => p.kind === 'NetworkPolicy' && (p.spec.policyTypes ?? []).includes('Egress') && p.spec.egress);
if (!deny || deny.spec.ingress || deny.spec.egress || deny.spec.policyTypes.join(',') !== 'Ingress,Egress'
  || !egress.every(p => p.spec.egress.every(rule => (rule.ports ?? []).length > 0))
  || !egress.some(p => p.spec.egress.some(rule => rule.ports.some(port => port.port === 53)))) {
  failures++;
  console.log('  FAIL the release needs a default-deny policy, and every egress rule must name its ports (DNS among them)');
}
// Operations endpoints only on the operations port; no function reachable by every pod of a namespace.
for (const d of docs.filter(d => d.kind === 'Deployment')) {
  for (const c of d.spec.template.spec.containers) {
    if (c.readinessProbe?.httpGet?.port !== 'operations' || c.livenessProbe?.httpGet?.port !== 'operations') {
      failures++;
      console.log(`  FAIL ${d.metadata.name}: probes must use the operations port`);
    }
  }
  const policy = docs.find(p => p.kind === 'NetworkPolicy' && p.spec.ingress && p.spec.podSelector.matchLabels['app.kubernetes.io/name'] === d.spec.selector.matchLabels['app.kubernetes.io/name']);
  const open = policy?.spec.ingress.some(rule => !rule.ports || rule.from.some(peer => !peer.namespaceSelector));
  if (!policy || open) {
    failures++;
    console.log(`  FAIL ${d.metadata.name}: needs a NetworkPolicy whose every rule names a namespace and a port`);
  }
}
// The audit chain is checked on schedule, and a failed check or purge raises an alert.
const audit = docs.find(d => d.kind === 'CronJob' && d.metadata.name.endsWith('-audit-verify'));
const alerts = docs.find(d => d.kind === 'PrometheusRule')?.spec.groups.flatMap(g => g.rules.map(r => r.alert)) ?? [];
if (audit?.spec.jobTemplate.spec.template.spec.containers[0].args.join(' ') !== 'audit verify' || !alerts.includes('HybridVoteAuditChainBroken') || !alerts.includes('HybridVotePurgeFailed')) {
  failures++;
  console.log('  FAIL the audit chain must be verified by a CronJob, and a failed check or purge must raise an alert');
}
// The retention purge runs on schedule as the CLI, non-root on a read-only root file system (NFR011).
const purge = docs.find(d => d.kind === 'CronJob' && d.metadata.name.endsWith('-purge'));
const purger = purge?.spec.jobTemplate.spec.template.spec.containers[0];
if (!purger || purger.args.join(' ') !== 'purge --due' || purger.securityContext?.readOnlyRootFilesystem !== true
  || purge.spec.jobTemplate.spec.template.spec.securityContext?.runAsNonRoot !== true || purge.spec.concurrencyPolicy !== 'Forbid') {
  failures++;
  console.log('  FAIL the purge CronJob must run `hv purge --due`, one at a time, non-root, on a read-only root file system');
}
// The database: synchronous replication with strict durability on at least three instances (RPO 0,
// NFR005), daily base backups with WAL archiving, and the functions on a transaction-mode pooler.
const cluster = docs.find(d => d.kind === 'Cluster');
const pooler = docs.find(d => d.kind === 'Pooler');
const functionDb = docs.find(d => d.kind === 'Deployment')?.spec.template.spec.containers[0].env.find(e => e.name === 'HybridVote__Database')?.value ?? '';
if (!cluster || cluster.spec.instances < 3 || cluster.spec.postgresql.synchronous?.dataDurability !== 'required' || !(cluster.spec.postgresql.synchronous.number >= 1)
  || !cluster.spec.backup?.barmanObjectStore?.wal || !docs.some(d => d.kind === 'ScheduledBackup' && d.spec.cluster.name === cluster.metadata.name)
  || pooler?.spec.pgbouncer.poolMode !== 'transaction' || pooler.spec.type !== 'rw' || pooler.spec.cluster.name !== cluster.metadata.name
  || !functionDb.startsWith(`Host=${pooler.metadata.name};`)) {
  failures++;
  console.log('  FAIL the database must be a Cluster of 3+ with synchronous replication (dataDurability: required), scheduled backups and WAL archiving, reached by the functions through a transaction-mode Pooler');
}
// The cache: Valkey with Sentinel, reached by the functions through the Sentinels.
const valkey = docs.find(d => d.kind === 'StatefulSet' && d.metadata.name.endsWith('-valkey'));
const functionRedis = docs.find(d => d.kind === 'Deployment')?.spec.template.spec.containers[0].env.find(e => e.name === 'HybridVote__Redis')?.value ?? '';
if (!valkey || valkey.spec.replicas < 3 || !valkey.spec.template.spec.containers.some(c => c.name === 'sentinel')
  || !functionRedis.includes(':26379') || !functionRedis.includes('serviceName=')) {
  failures++;
  console.log('  FAIL Redis must be a Valkey set of 3+ with Sentinels, and the functions must connect through the Sentinels');
}
// The Valkey start scripts are shell that parses (sh -n), and the Sentinel is told the quorum.
for (const cm of docs.filter(d => d.kind === 'ConfigMap')) {
  for (const [name, script] of Object.entries(cm.data ?? {}).filter(([n]) => n.endsWith('.sh'))) {
    const parsed = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
    if (parsed.status !== 0) {
      failures++;
      console.log(`  FAIL ${cm.metadata.name}/${name} does not parse: ${parsed.stderr.trim()}`);
    }
  }
}
// Every pod the chart runs: non-root, read-only root file system, no capabilities, resources, and
// probes on every long-running container.
const pods = docs.flatMap(d => d.kind === 'Deployment' || d.kind === 'StatefulSet' ? [[d, d.spec.template.spec, true]]
  : d.kind === 'CronJob' ? [[d, d.spec.jobTemplate.spec.template.spec, false]] : []);
for (const [d, pod, serving] of pods) {
  for (const c of pod.containers) {
    if (pod.securityContext?.runAsNonRoot !== true || c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false
      || c.securityContext?.capabilities?.drop?.join() !== 'ALL' || !c.resources?.requests || !c.resources?.limits?.memory
      || (serving && (!c.readinessProbe || !c.livenessProbe))) {
      failures++;
      console.log(`  FAIL ${d.kind} ${d.metadata.name}/${c.name}: must run non-root on a read-only root file system without capabilities, with resources${serving ? ' and probes' : ''}`);
    }
  }
}
if (process.argv[3] && trigger) writeFileSync(process.argv[3], trigger.metadata.query);
console.log(`  chart: ${docs.length} manifests validated offline (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ${failures} failures`);
process.exit(failures ? 1 : 0);
