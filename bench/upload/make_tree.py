#!/usr/bin/python3
"""make_tree: a deterministic devstack-like job log tree for the upload benchmark (issue 4).

At --scale 1 (the default): ~2,000 small oslo-style text files of 1-50 KB (per-test tempest logs,
configs, ansible results, resource listings, qemu logs) nested 3-4 folders deep, ~25 of 0.3-5 MB
(screen-*.txt service logs, a devstack log, job-output.json, four .txt.gz already gzipped), and 3
of 35-55 MB (job-output.txt, a busy service log, syslog); about 200 MB, ~7x smaller with gzip -6.
The text varies like real logs: timestamps that advance, request ids that change every few lines,
log levels, module names, UUIDs, HTTP requests, commands and now and then a traceback.

The same --seed and --scale give byte-identical trees on every machine (file times are fixed
too). --scale F multiplies the number of small files and every size by F, for quick runs.

usage: make_tree.py OUT_DIR [--seed 1] [--scale 1.0]     (OUT_DIR must not exist yet)
Prints a one-line JSON summary: files, bytes, gzip-6 estimate per class.
"""
import argparse
import datetime
import gzip
import json
import math
import os
import random
import sys
import uuid

BASE_TIME = datetime.datetime(2024, 5, 14, 9, 12, 3)  # the job's start; never "now"
FILE_MTIME = 1715677923  # 2024-05-14 09:12:03 UTC, for every file
HOST = {"controller": "np0037512345", "compute1": "np0037512346"}

# (unit, process, project, modules) of the services a devstack job runs.
SERVICES = [
    ("n-api", "nova-api", "nova", ["nova.api.openstack.wsgi", "nova.api.openstack.compute.servers",
                                   "nova.api.openstack.requestlog", "nova.compute.api"]),
    ("n-cpu", "nova-compute", "nova", ["nova.compute.manager", "nova.compute.resource_tracker",
                                       "nova.virt.libvirt.driver", "nova.network.neutron",
                                       "os_vif", "oslo_concurrency.lockutils"]),
    ("n-sch", "nova-scheduler", "nova", ["nova.scheduler.manager", "nova.scheduler.host_manager",
                                         "nova.scheduler.filters.compute_filter"]),
    ("n-cond-cell1", "nova-conductor", "nova", ["nova.conductor.manager",
                                                "nova.conductor.tasks.migrate"]),
    ("q-svc", "neutron-server", "neutron", ["neutron.api.v2.base", "neutron.wsgi",
                                            "neutron.plugins.ml2.managers",
                                            "neutron.db.provisioning_blocks",
                                            "neutron.notifiers.nova"]),
    ("q-agt", "neutron-openvswitch-agent", "neutron", [
        "neutron.agent.common.ovs_lib", "neutron.agent.linux.utils",
        "neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent"]),
    ("q-dhcp", "neutron-dhcp-agent", "neutron", ["neutron.agent.dhcp.agent",
                                                 "neutron.agent.linux.dhcp"]),
    ("q-l3", "neutron-l3-agent", "neutron", ["neutron.agent.l3.agent",
                                             "neutron.agent.l3.router_info"]),
    ("c-api", "cinder-api", "cinder", ["cinder.api.openstack.wsgi", "cinder.volume.api"]),
    ("c-vol", "cinder-volume", "cinder", ["cinder.volume.manager", "cinder.volume.drivers.lvm",
                                          "os_brick.initiator.connectors.iscsi"]),
    ("c-sch", "cinder-scheduler", "cinder", ["cinder.scheduler.host_manager",
                                             "cinder.scheduler.manager"]),
    ("g-api", "glance-api", "glance", ["glance.api.v2.images", "glance.common.wsgi",
                                       "glance_store._drivers.swift.store"]),
    ("keystone", "devstack@keystone", "keystone", [
        "keystone.server.flask.request_processing.middleware.auth_context",
        "keystone.common.fernet_utils", "keystone.token.provider"]),
    ("placement-api", "placement-api", "placement", ["placement.requestlog",
                                                     "placement.objects.resource_provider"]),
]
COMMON_MODULES = ["oslo_concurrency.lockutils", "oslo_messaging._drivers.amqpdriver",
                  "oslo_service.periodic_task", "keystonemiddleware.auth_token",
                  "oslo_concurrency.processutils", "oslo_db.sqlalchemy.engines"]
FUNCS = ["_build_and_run_instance", "update_available_resource", "_update_to_placement",
         "inner", "execute", "_sync_power_states", "get_allocations_for_consumer",
         "_heal_instance_info_cache", "select_destinations", "do_request", "_process_port",
         "create_volume", "_get_image", "__call__", "process_request",
         "_do_build_and_run_instance"]
LOCKS = ["compute_resources", "refresh_cache-{inst}", "{inst}", "singleton_lock",
         "service_version", "iptables", "neutron-ports-{net}"]
CMDS = ["sudo ovs-vsctl --timeout=10 --oneline --format=json -- --columns=name list Interface",
        "sudo /usr/local/bin/privsep-helper --config-file /etc/nova/nova-cpu.conf",
        "ip netns exec qrouter-{net} ip -4 route list table main",
        "sudo lvs --noheadings --unit=g -o vg_name,name,size --nosuffix stack-volumes-lvmdriver-1",
        "qemu-img info {disk} --force-share --output=json", "env LC_ALL=C LANG=C mount -t nfs"]
TESTS = ["ServersTestJSON", "ServerActionsTestJSON", "VolumesActionsTest", "ImagesTestJSON",
         "NetworksTest", "PortsTestJSON", "RoutersTest", "FloatingIPsTestJSON", "KeypairsTestJSON",
         "AttachVolumeTestJSON", "SecurityGroupsTestJSON", "FlavorsV2TestJSON", "AggregatesAdminTestJSON",
         "QuotasTestJSON", "ServerRescueTestJSON", "MigrationsAdminTest", "VolumesSnapshotTestJSON"]
ACTIONS = ["create", "delete", "list", "get", "update", "rebuild", "attach"]
RESOURCES = ["server", "volume", "port", "image", "router", "keypair"]
TOOK_TO = ["spawn the instance on the hypervisor", "build instance", "destroy the instance",
           "deallocate network for instance", "detach 1 volumes for instance"]
STATES = ["ACTIVE", "BUILD", "available", "in-use", "DOWN"]
TASK_ROLES = ["devstack", "tempest", "orchestrate-devstack", "setup-stack-user",
              "fetch-subunit-output"]
TASK_NAMES = ["Run devstack", "Write the devstack local conf file", "Run tempest",
              "Create stack user", "Copy logs"]
SCRIPTS = ["lib/nova", "lib/neutron", "lib/cinder", "functions-common", "stack.sh", "lib/tempest",
           "inc/python"]
SCRIPT_FUNCS = ["configure_nova", "iniset", "install_neutron", "start_service", "pip_install",
                "is_service_enabled", "_run_under_systemd"]
XTRACE = ["iniset /etc/nova/nova.conf DEFAULT debug True", "local section=DEFAULT",
          "[[ -z {inst} ]]", "sudo systemctl enable devstack@n-cpu.service",
          "pip install -c /opt/stack/requirements/upper-constraints.txt -e /opt/stack/nova",
          "return 0", "local service=n-cpu", "echo_summary 'Configuring Nova'"]
CONSOLE = ["ok: Runtime: 0:0{n}:12.120013", "changed: [controller]",
           "Collecting oslo.config>=8.6.0",
           "  Using cached oslo.log-5.2.0-py3-none-any.whl (72 kB)",
           "{0} tempest.api.compute.servers.test_servers.ServersTestJSON.test_create_server "
           "[{n}.234s] ... ok"]
TEST_PACKAGES = ["tempest.api.compute.servers", "tempest.api.compute.admin", "tempest.api.compute.volumes",
                 "tempest.api.network", "tempest.api.network.admin", "tempest.api.volume",
                 "tempest.api.volume.admin", "tempest.api.image.v2", "tempest.api.identity.admin.v3",
                 "tempest.scenario", "tempest.api.compute.images", "tempest.api.compute.keypairs",
                 "tempest.api.object_storage", "tempest.api.compute.security_groups"]
HTTP_PATHS = ["/compute/v2.1/servers/{inst}", "/compute/v2.1/servers/detail",
              "/compute/v2.1/flavors/{n}", "/v2.0/ports?device_id={inst}", "/v2.0/networks/{net}",
              "/volume/v3/{proj}/volumes/{inst}", "/image/v2/images/{inst}",
              "/placement/allocations/{inst}", "/identity/v3/auth/tokens",
              "/placement/resource_providers/{net}/inventories"]


class Context:
    """Per-file varying values: request ids, instances, ports; each reused for a while.

    CHURN is the chance that a mention of an instance or network is a new one, and REQUEST_RUN
    the mean number of lines of one request: together they set how well the text compresses."""

    CHURN = 0.3
    REQUEST_RUN = 8

    def __init__(self, rng, test):
        self.rng = rng
        self.test = test
        self.instances = [self.uuid() for _ in range(12)]
        self.nets = [self.uuid() for _ in range(6)]
        self.projects = [self.uuid().replace("-", "") for _ in range(3)]
        self.req = None
        self.req_left = 0
        self.pid = rng.randint(40000, 99999)

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def request(self):
        """The current request context; a new request every few lines."""
        if self.req_left <= 0:
            self.req_left = int(self.rng.expovariate(1 / self.REQUEST_RUN)) + 1
            if self.rng.random() < 0.2:
                self.req = "[-]"
            else:
                n = self.rng.randint(100, 2000)
                self.req = (f"[None req-{self.uuid()} tempest-{self.test}-{n} "
                            f"tempest-{self.test}-{n}-project-member]")
        self.req_left -= 1
        return self.req

    def pick(self, pool):
        """A member of POOL; now and then a new one, which replaces an old one."""
        if self.rng.random() < self.CHURN:
            pool[self.rng.randrange(len(pool))] = self.uuid()
        return self.rng.choice(pool)

    def fill(self, text):
        """TEXT with {inst}, {net}, {proj}, {n} and {disk} replaced (other braces are kept)."""
        if "{" not in text:
            return text
        r = self.rng
        for key, make in (("{inst}", lambda: self.pick(self.instances)),
                          ("{net}", lambda: self.pick(self.nets)),
                          ("{proj}", lambda: r.choice(self.projects)),
                          ("{n}", lambda: str(r.randint(1, 99))),
                          ("{disk}", lambda: "/opt/stack/data/nova/instances/"
                                             f"{r.choice(self.instances)}/disk")):
            if key in text:
                text = text.replace(key, make())
        return text


def message(ctx):
    """One log message (level, text), drawn like a busy OpenStack service's."""
    r = ctx.rng
    x = r.random()
    if x < 0.2:
        return "DEBUG", ctx.fill(f'Lock "{r.choice(LOCKS)}" acquired by "{r.choice(FUNCS)}" :: '
                                 f'waited {r.random() * 0.01:.3f}s')
    if x < 0.36:
        return "DEBUG", ctx.fill(f'Lock "{r.choice(LOCKS)}" "released" by "{r.choice(FUNCS)}" :: '
                                 f'held {r.expovariate(20):.3f}s')
    if x < 0.5:
        ip = f"10.0.{r.randint(0, 3)}.{r.randint(2, 250)}"
        method = r.choice(["GET", "GET", "POST", "PUT", "DELETE"])
        path = r.choice(HTTP_PATHS)
        status = r.choice([200, 200, 200, 202, 204, 404])
        return "INFO", ctx.fill(f'{ip} "{method} {path} HTTP/1.1" status: {status} '
                                f'len: {r.randint(0, 9000)} microversion: 2.{r.randint(1, 95)} '
                                f'time: {r.expovariate(8):.7f}')
    if x < 0.6:
        return "DEBUG", ctx.fill(f"Running periodic task ComputeManager.{r.choice(FUNCS)}")
    if x < 0.7:
        return "DEBUG", ctx.fill(f'CMD "{r.choice(CMDS)}" returned: {r.choice([0, 0, 0, 1])} in '
                                 f'{r.expovariate(10):.3f}s')
    if x < 0.78:
        return "INFO", ctx.fill(f"[instance: {{inst}}] Took {r.expovariate(0.2):.2f} seconds to "
                                f"{r.choice(TOOK_TO)}.")
    if x < 0.86:
        return "DEBUG", ctx.fill("Port {net} updated. Details: {'device': '{inst}', "
                                 f"'network_id': '{{net}}', 'admin_state_up': True, "
                                 f"'segmentation_id': {r.randint(1, 4000)}, 'device_owner': "
                                 f"'compute:nova', 'mtu': 1442}}")
    if x < 0.93:
        return "DEBUG", ctx.fill(f"Received response for request {r.choice(HTTP_PATHS)}: "
                                 f'{{"id": "{{inst}}", "status": "{r.choice(STATES)}"}}')
    if x < 0.975:
        host = HOST["controller"]
        return "INFO", ctx.fill(f"Compute node record created for {host}:{host} "
                                f"with uuid: {{net}}")
    if x < 0.995:
        if r.random() < 0.5:
            return "WARNING", f"Timed out waiting for a reply to message ID {r.getrandbits(128):032x}"
        return "WARNING", ctx.fill("[instance: {inst}] Received unexpected event "
                                   "network-vif-plugged-{net} for instance with vm_state active "
                                   "and task_state None.")
    return "ERROR", "Exception during message handling"


TRACEBACK = [
    'Traceback (most recent call last):',
    '  File "/opt/stack/nova/nova/compute/manager.py", line 2534, in _build_and_run_instance',
    '    self.driver.spawn(context, instance, image_meta,',
    '  File "/opt/stack/nova/nova/virt/libvirt/driver.py", line 4408, in spawn',
    '    self._create_guest_with_network(',
    '  File "/usr/local/lib/python3.10/dist-packages/oslo_utils/excutils.py", line 227, '
    'in __exit__',
    '    self.force_reraise()',
    'nova.exception.PortBindingFailed: Binding failed for port {net}, please check neutron logs '
    'for more information.',
]


class ServiceLog:
    """Lines of one service's log: "journal" (screen-*.txt) or "oslo" (a plain log file)."""

    def __init__(self, rng, service, style, start):
        self.rng = rng
        self.unit, self.process, self.project, modules = service
        self.modules = modules + COMMON_MODULES
        self.style = style
        self.t = start
        self.ctx = Context(rng, rng.choice(TESTS))

    def prefix(self, level, module):
        t = self.t
        if self.style == "journal":
            return (f"{t:%b %d %H:%M:%S}.{t.microsecond:06d} {HOST['controller']} "
                    f"{self.process}[{self.ctx.pid}]: {level} {module} ")
        return (f"{t:%Y-%m-%d %H:%M:%S}.{t.microsecond // 1000:03d} {self.ctx.pid} "
                f"{level} {module} ")

    def lines(self):
        r = self.rng
        while True:
            self.t += datetime.timedelta(microseconds=int(r.expovariate(1 / 20000)))
            module = r.choice(self.modules)
            level, text = message(self.ctx)
            req = self.ctx.request()
            suffix = ""
            if level == "DEBUG" and self.style == "journal":
                suffix = (f" {{{{(pid={self.ctx.pid}) {r.choice(FUNCS)} /opt/stack/{self.project}/"
                          f"{module.replace('.', '/')}.py:{r.randint(100, 2999)}}}}}")
            yield f"{self.prefix(level, module)}{req} {text}{suffix}\n"
            if level == "ERROR":
                prefix = self.prefix(level, "oslo_messaging.rpc.server")
                for line in TRACEBACK:
                    yield f"{prefix}{req} {self.ctx.fill(line)}\n"


class JobOutput:
    """Lines of job-output.txt: Ansible tasks and devstack's xtrace through Zuul's console log."""

    def __init__(self, rng, start):
        self.rng = rng
        self.t = start
        self.ctx = Context(rng, "devstack")
        self.service = ServiceLog(rng, SERVICES[1], "oslo", start)

    def lines(self):
        r = self.rng
        lineno = 1
        service_lines = self.service.lines()
        while True:
            self.t += datetime.timedelta(microseconds=int(r.expovariate(1 / 30000)))
            host = r.choice(["controller", "controller", "controller", "compute1"])
            stamp = f"{self.t:%Y-%m-%d %H:%M:%S}.{self.t.microsecond:06d} | {host} |"
            x = r.random()
            if x < 0.05:
                yield f"{stamp}\n{stamp} TASK [{r.choice(TASK_ROLES)} : {r.choice(TASK_NAMES)}]\n"
            elif x < 0.6:
                lineno += r.randint(1, 9)
                script = r.choice(SCRIPTS)
                func = r.choice(SCRIPT_FUNCS)
                arg = self.ctx.fill(r.choice(XTRACE))
                yield f"{stamp} + {script}:{func}:{lineno} :   {arg}\n"
            elif x < 0.9:
                yield f"{stamp} {next(service_lines)}"
            else:
                yield f"{stamp} {self.ctx.fill(r.choice(CONSOLE))}\n"


class Syslog:
    def __init__(self, rng, start):
        self.rng = rng
        self.t = start
        self.ctx = Context(rng, "syslog")

    def lines(self):
        r = self.rng
        while True:
            self.t += datetime.timedelta(microseconds=int(r.expovariate(1 / 15000)))
            proc = r.choice(["kernel", "sudo", "systemd[1]", f"ovs-vswitchd[{r.randint(900, 1300)}]",
                             "libvirtd[5678]", f"dnsmasq[{r.randint(10000, 60000)}]", "iscsid"])
            mac = f"fa:16:3e:{r.getrandbits(8):02x}:{r.getrandbits(8):02x}:{r.getrandbits(8):02x}"
            kernel_time = f"[{(self.t - BASE_TIME).total_seconds() + 20:.6f}]"
            # Every alternative is drawn (the RNG moves the same way whichever is kept).
            text = self.ctx.fill(r.choice([
                f"{kernel_time} tap{{net}}: entered promiscuous mode",
                f"{kernel_time} br-int: port {r.randint(1, 300)}(tap{{inst}}) entered "
                f"{r.choice(['blocking', 'forwarding', 'disabled'])} state",
                "    stack : PWD=/opt/stack/devstack ; USER=root ; COMMAND=/usr/local/bin/"
                "privsep-helper --config-file /etc/nova/nova-cpu.conf",
                f"Started devstack@{r.choice(SERVICES)[0]}.service - Devstack "
                f"devstack@{r.choice(SERVICES)[0]}.service.",
                f"ovs|{r.randint(1, 99999):05d}|bridge|INFO|bridge br-int: added interface "
                f"tap{{inst}} on port {r.randint(1, 900)}",
                f"DHCPACK(ns-{{inst}}) 10.1.0.{r.randint(2, 250)} {mac} "
                f"tempest-server-{r.randint(1, 99999)}",
                f"pam_unix(sudo:session): session {r.choice(['opened', 'closed'])} for user "
                f"root(uid=0) by stack(uid={r.randint(1000, 1010)})",
                f"Connection{r.randint(1, 99)}:0 to [target: iqn.2010-10.org.openstack:volume-"
                "{inst}, portal: 10.0.0.5,3260] through [iface: default] is operational now",
                f"audit: type=1400 audit({self.t.timestamp():.3f}:{r.randint(100, 99999)}): "
                'apparmor="STATUS" operation="profile_load" name="libvirt-{inst}" '
                f"pid={r.randint(1000, 99999)}",
            ]))
            yield f"{self.t:%b %d %H:%M:%S} {HOST['controller']} {proc}: {text}\n"


def tempest_test_log(rng, start):
    """Lines of one test's log: rest_client requests with their bodies."""
    ctx = Context(rng, rng.choice(TESTS))
    t = start
    while True:
        t += datetime.timedelta(microseconds=int(rng.expovariate(1 / 80000)))
        stamp = f"{t:%Y-%m-%d %H:%M:%S},{t.microsecond // 1000:03d} {ctx.pid}"
        method = rng.choice(["GET", "GET", "POST", "DELETE", "PUT"])
        url = ctx.fill(f"https://10.0.0.5{rng.choice(HTTP_PATHS)}")
        status = rng.choice([200, 200, 202, 204, 404])
        req = f"req-{ctx.uuid()}"
        test = f"{ctx.test}:test_{rng.choice(ACTIONS)}_{rng.choice(RESOURCES)}"
        yield (f"{stamp} INFO     tempest.lib.common.rest_client [{req} ] Request ({test}): "
               f"{status} {method} {url} {rng.expovariate(5):.3f}s\n")
        yield (f"{stamp} DEBUG    tempest.lib.common.rest_client [{req} ] Request - Headers: "
               "{'Content-Type': 'application/json', 'Accept': 'application/json', "
               "'X-Auth-Token': '<omitted>'}\n")
        yield (f"        Body: None\n    Response - Headers: {{'date': 'Tue, 14 May 2024 {t:%H:%M:%S} GMT', "
               f"'server': 'Apache/2.4.52 (Ubuntu)', 'content-length': '{rng.randint(0, 3000)}', "
               f"'openstack-api-version': 'compute 2.1', 'x-openstack-request-id': '{req}', "
               f"'connection': 'close', 'status': '{status}', 'content-location': '{url}'}}\n")
        yield ctx.fill("""        Body: b'{"server": {"id": "{inst}", "name": "tempest-server-{n}", """
                       """"status": "ACTIVE", "tenant_id": "{proj}"}}'\n""")


CONF_SECTIONS = ["DEFAULT", "database", "keystone_authtoken", "oslo_concurrency",
                 "oslo_messaging_notifications", "placement", "neutron", "glance", "cinder",
                 "libvirt", "scheduler", "api", "wsgi", "cache", "vif_plug_ovs"]
CONF_KEYS = ["debug", "auth_url", "auth_type", "username", "password", "project_name",
             "connection", "lock_path", "transport_url", "region_name", "memcached_servers",
             "www_authenticate_uri", "service_token_roles_required", "cafile", "driver",
             "workers", "virt_type", "cpu_mode", "max_attempts", "enabled_filters"]
CONF_VALUES = ["True", "http://10.0.0.5/identity", "password", "service",
               "mysql+pymysql://root:secretdatabase@127.0.0.1/{proj}?charset=utf8",
               "/opt/stack/data/{proj}", "rabbit://stackrabbit:secretrabbit@10.0.0.5:5672/",
               "RegionOne", "localhost:11211", "/opt/stack/data/ca-bundle.pem", "messagingv2",
               "{n}", "kvm", "none", "ComputeFilter,ImagePropertiesFilter"]


def config_file(rng):
    """An ini file: sections, options, comments (configs dumped by devstack)."""
    ctx = Context(rng, "conf")
    out = []
    for section in rng.sample(CONF_SECTIONS, rng.randint(3, 10)):
        out.append(f"[{section}]\n")
        for _ in range(rng.randint(2, 14)):
            key = rng.choice(CONF_KEYS)
            value = ctx.fill(rng.choice(CONF_VALUES))
            if rng.random() < 0.15:
                out.append(f"# {key} = <None>\n")
            out.append(f"{key} = {value}\n")
        out.append("\n")
    return "".join(out)


def json_doc(rng, size):
    """An Ansible task result as pretty JSON, valid, of about SIZE bytes."""
    ctx = Context(rng, "json")
    doc = {"changed": rng.random() < 0.5, "cmd": ctx.fill(rng.choice(CMDS)),
           "delta": f"0:00:0{rng.randint(0, 9)}.{rng.randint(0, 999999):06d}",
           "rc": 0, "stdout_lines": [
               ctx.fill(f"{{inst}} | tempest-server-{{n}} | ACTIVE | private=10.1.0.{i % 250}")
               for i in range(max(1, (size - 400) // 88))],
           "invocation": {"module_args": {"chdir": "/opt/stack/devstack", "executable": "/bin/bash",
                                          "_uses_shell": True, "warn": False}}}
    return json.dumps(doc, indent=4, sort_keys=True) + "\n"


def yaml_doc(rng, size):
    """An inventory-like YAML document of about SIZE bytes."""
    ctx = Context(rng, "yaml")
    out = ["all:\n  hosts:\n"]
    for host in ("controller", "compute1"):
        out.append(f"    {host}:\n      ansible_host: 10.0.0.{rng.randint(2, 250)}\n"
                   f"      nodepool:\n        az: nova\n        cloud: provider-{rng.randint(1, 9)}\n"
                   f"        external_id: {ctx.uuid()}\n        label: ubuntu-jammy\n")
    out.append("  vars:\n    zuul:\n      build: " + ctx.uuid().replace("-", "") + "\n")
    for i in range(max(1, (size - 500) // 52)):
        out.append(ctx.fill(f"      item_{i}: {{inst}}\n"))
    return "".join(out)


def html_doc(rng):
    ctx = Context(rng, "html")
    rows = "".join(ctx.fill(f'<tr class="{rng.choice(["pass", "pass", "pass", "skip", "fail"])}"><td>'
                            f"{rng.choice(TEST_PACKAGES)}.{rng.choice(TESTS)}.test_{{n}}</td><td>"
                            f"{rng.expovariate(0.3):.3f}</td><td>{{inst}}</td></tr>\n")
                   for _ in range(rng.randint(20, 300)))
    return ("<!DOCTYPE html>\n<html><head><title>Results</title></head><body><table>\n"
            f"{rows}</table></body></html>\n")


def take(lines, size):
    """Joins lines until SIZE bytes are reached (ASCII text, so characters are bytes)."""
    out, n = [], 0
    for line in lines:
        out.append(line)
        n += len(line)
        if n >= size:
            break
    return "".join(out)


def start_time(rng):
    return BASE_TIME + datetime.timedelta(seconds=rng.randint(0, 5400))


def small_plan(rng, count):
    """(path, size, kind) of the small files, spread over realistic folders."""
    plan = [("zuul-info/inventory.yaml", "yaml"), ("zuul-info/host-info.controller.yaml", "yaml"),
            ("zuul-info/host-info.compute1.yaml", "yaml"),
            ("zuul-info/zuul-info.controller.txt", "oslo"),
            ("zuul-info/zuul-info.compute1.txt", "oslo"),
            ("controller/logs/testr_results.html", "html")]
    c = rng.choice
    node = ["controller", "compute1"]
    groups = [  # (weight, maker of path, kind)
        (62, lambda i: f"controller/logs/tempest/{c(TEST_PACKAGES)}/{c(TESTS)}.test_"
                       f"{c(ACTIONS[:6] + ['resize', 'attach'])}"
                       f"_{c(RESOURCES[:5] + ['snapshot'])}_{i}.txt", "tempest"),
        (6, lambda i: f"{c(node)}/logs/etc/"
                      f"{c(['nova', 'neutron', 'cinder', 'glance', 'keystone', 'placement', 'swift'])}/"
                      f"{c(['api-paste', 'rootwrap', 'policy', 'nova-cpu', 'neutron', 'cinder', 'uwsgi'])}"
                      f"-{i}.conf", "conf"),
        (8, lambda i: f"controller/logs/ansible/"
                      f"{c(['devstack', 'tempest', 'pre', 'post', 'stage-output'])}/"
                      f"{c(['task', 'result', 'facts'])}-{i:04d}.json", "json"),
        (7, lambda i: "controller/logs/openstack-resources/"
                      f"{c(['servers', 'networks', 'ports', 'volumes', 'images', 'routers'])}/"
                      f"{c(['list', 'show'])}-{i:04d}.txt", "oslo"),
        (10, lambda i: f"{c(node)}/logs/qemu/instance-{i:08x}.log", "oslo"),
        (4, lambda i: "controller/logs/apache/vhosts/"
                      f"{c(['nova-api', 'keystone', 'placement', 'glance', 'cinder'])}-{i}_access.log",
         "oslo"),
        (3, lambda i: f"controller/logs/stackviz/data/details-{i}.yaml", "yaml"),
    ]
    total = sum(w for w, _, _ in groups)
    seen = set(p for p, _ in plan)
    i = 0
    while len(plan) < count:
        x = rng.uniform(0, total)
        for weight, make, kind in groups:
            if x < weight:
                break
            x -= weight
        path = make(i)
        i += 1
        if path not in seen:
            seen.add(path)
            plan.append((path, kind))
    # Sizes 1-50 KB, log-uniform: many small files, a few near 50 KB.
    return [(path, int(math.exp(rng.uniform(math.log(1024), math.log(50 * 1024)))), kind)
            for path, kind in plan]


def medium_plan(rng):
    """(path, size on disk, kind): service logs of 0.3-5 MB, four of them already gzipped."""
    units = [s[0] for s in SERVICES if s[0] != "q-svc"]
    plan = [(f"controller/logs/screen-{u}.txt", "journal:" + u) for u in units]
    plan += [("compute1/logs/screen-n-cpu.txt", "journal:n-cpu"),
             ("compute1/logs/screen-q-agt.txt", "journal:q-agt"),
             ("controller/logs/devstacklog.txt", "job"), ("job-output.json", "json-big"),
             ("controller/logs/tempest_log.txt", "tempest"),
             ("controller/logs/apache/tls-proxy_access.log", "oslo"),
             ("controller/logs/rabbitmq/rabbit@controller.txt", "oslo"),
             ("controller/logs/libvirt/libvirtd_log.txt.gz", "gz:syslog"),
             ("compute1/logs/libvirt/libvirtd_log.txt.gz", "gz:syslog"),
             ("controller/logs/openvswitch/ovs-vswitchd.txt.gz", "gz:syslog"),
             ("controller/logs/syslog-early.txt.gz", "gz:syslog")]
    return [(path, int(math.exp(rng.uniform(math.log(300e3), math.log(5e6)))), kind)
            for path, kind in plan]


def large_plan(rng):
    plan = [("job-output.txt", "job"), ("controller/logs/screen-q-svc.txt", "journal:q-svc"),
            ("controller/logs/syslog.txt", "syslog")]
    return [(path, int(rng.uniform(35e6, 55e6)), kind) for path, kind in plan]


def content(rng, kind, size):
    """SIZE bytes (about) of text of KIND."""
    if kind == "tempest":
        return take(tempest_test_log(rng, start_time(rng)), size)
    if kind.startswith("journal:") or kind == "oslo":
        unit = kind.split(":", 1)[1] if ":" in kind else rng.choice(SERVICES)[0]
        service = next(s for s in SERVICES if s[0] == unit)
        style = "journal" if ":" in kind else "oslo"
        return take(ServiceLog(rng, service, style, start_time(rng)).lines(), size)
    if kind == "job":
        return take(JobOutput(rng, BASE_TIME).lines(), size)
    if kind == "syslog":
        return take(Syslog(rng, BASE_TIME).lines(), size)
    if kind == "conf":
        return take(iter(lambda: config_file(rng), None), size)
    if kind == "json":
        return json_doc(rng, size)
    if kind == "json-big":  # job-output.json: a list of task results
        docs = take((json_doc(rng, int(rng.uniform(1e3, 20e3))) + ",\n" for _ in iter(int, 1)),
                    size)
        return "[\n" + docs.rstrip(",\n") + "\n]\n"
    if kind == "yaml":
        return yaml_doc(rng, size)
    if kind == "html":
        return html_doc(rng)
    raise ValueError(kind)


def write_file(root, path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
    os.utime(full, (FILE_MTIME, FILE_MTIME))


def make_tree(root, seed, scale):
    layout = random.Random(f"layout|{seed}")
    small = small_plan(layout, max(6, round(2000 * scale)))
    files = [(p, max(1, int(s * scale)), k, "small") for p, s, k in small]
    files += [(p, max(1, int(s * scale)), k, "medium") for p, s, k in medium_plan(layout)]
    files += [(p, max(1, int(s * scale)), k, "large") for p, s, k in large_plan(layout)]
    summary = {"seed": seed, "scale": scale, "files": 0, "bytes": 0, "classes": {}}
    for path, size, kind, cls in files:
        rng = random.Random(f"{seed}|{path}")  # each file on its own: order does not matter
        if kind.startswith("gz:"):
            # SIZE is the size on disk: about 7x as much text, gzipped (mtime 0: reproducible).
            text = content(rng, kind[3:], size * 7).encode()
            data = gzip.compress(text, compresslevel=6, mtime=0)
        else:
            data = content(rng, kind, size).encode()
        write_file(root, path, data)
        c = summary["classes"].setdefault(cls, {"files": 0, "bytes": 0})
        c["files"] += 1
        c["bytes"] += len(data)
        summary["files"] += 1
        summary["bytes"] += len(data)
    return summary


def main(argv):
    p = argparse.ArgumentParser(
        description="Deterministic devstack-like log tree (see the module doc).")
    p.add_argument("out_dir")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=float, default=1.0,
                   help="multiply file count and sizes (default 1)")
    args = p.parse_args(argv)
    if os.path.exists(args.out_dir):
        p.error(f"{args.out_dir} exists: give a new directory")
    if not 0 < args.scale <= 10:
        p.error("--scale must be in (0, 10]")
    tmp = args.out_dir.rstrip("/") + ".partial"
    if os.path.exists(tmp):
        import shutil
        shutil.rmtree(tmp)
    summary = make_tree(tmp, args.seed, args.scale)
    os.rename(tmp, args.out_dir)  # whole trees only: an interrupted run leaves no half tree
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
