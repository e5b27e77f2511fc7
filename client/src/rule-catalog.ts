// Generated from the rule registry by client/scripts/generate.ts; do not edit.

export interface CatalogRule {
  id: string;
  name: string;
  kind: 'dockerfile' | 'compose' | 'config' | 'any';
  summary: string;
  /** Relative to shared/src/rules/. */
  docsPath: string;
  docsUrl: string;
}

export const RULE_CATALOG: readonly CatalogRule[] = [
  {
    "id": "DG000",
    "name": "parse-error",
    "kind": "any",
    "summary": "The file cannot be parsed; rules ran on whatever could be recovered.",
    "docsPath": "meta/parse-error.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/meta/parse-error.md"
  },
  {
    "id": "DG001",
    "name": "unknown-rule",
    "kind": "any",
    "summary": "A dockguard-ignore comment names a rule that does not exist.",
    "docsPath": "meta/unknown-rule.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/meta/unknown-rule.md"
  },
  {
    "id": "DG002",
    "name": "invalid-config",
    "kind": "config",
    "summary": "A .dockguard.yaml setting is invalid and was ignored; the defaults apply in its place.",
    "docsPath": "meta/invalid-config.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/meta/invalid-config.md"
  },
  {
    "id": "DG003",
    "name": "file-skipped",
    "kind": "any",
    "summary": "The file was not linted: it is larger than the size limit, or it is not text.",
    "docsPath": "meta/file-skipped.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/meta/file-skipped.md"
  },
  {
    "id": "DG101",
    "name": "user-missing",
    "kind": "dockerfile",
    "summary": "The final stage never switches to a USER, so the container runs as root.",
    "docsPath": "dockerfile/user-missing.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/user-missing.md"
  },
  {
    "id": "DG102",
    "name": "user-root",
    "kind": "dockerfile",
    "summary": "The final stage's effective USER is root.",
    "docsPath": "dockerfile/user-root.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/user-root.md"
  },
  {
    "id": "DG103",
    "name": "sudo",
    "kind": "dockerfile",
    "summary": "A RUN command uses sudo.",
    "docsPath": "dockerfile/sudo.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/sudo.md"
  },
  {
    "id": "DG104",
    "name": "docker-socket",
    "kind": "dockerfile",
    "summary": "VOLUME or RUN --mount names a container daemon socket.",
    "docsPath": "dockerfile/docker-socket.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/docker-socket.md"
  },
  {
    "id": "DG105",
    "name": "daemon-tcp",
    "kind": "dockerfile",
    "summary": "The Docker daemon is reached or exposed over unencrypted TCP.",
    "docsPath": "dockerfile/daemon-tcp.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/daemon-tcp.md"
  },
  {
    "id": "DG106",
    "name": "secret-in-build",
    "kind": "dockerfile",
    "summary": "An ARG or ENV carries a secret, which stays in the image's history.",
    "docsPath": "dockerfile/secret-in-build.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/secret-in-build.md"
  },
  {
    "id": "DG107",
    "name": "add-remote",
    "kind": "dockerfile",
    "summary": "ADD fetches a URL without --checksum, or auto-extracts a local archive.",
    "docsPath": "dockerfile/add-remote.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/add-remote.md"
  },
  {
    "id": "DG108",
    "name": "curl-pipe-shell",
    "kind": "dockerfile",
    "summary": "A download is piped straight into a shell or interpreter.",
    "docsPath": "dockerfile/curl-pipe-shell.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/curl-pipe-shell.md"
  },
  {
    "id": "DG109",
    "name": "tls-verify-disabled",
    "kind": "dockerfile",
    "summary": "A download or package tool has TLS certificate verification turned off.",
    "docsPath": "dockerfile/tls-verify-disabled.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/tls-verify-disabled.md"
  },
  {
    "id": "DG110",
    "name": "unsigned-packages",
    "kind": "dockerfile",
    "summary": "A package manager is told to install packages without checking signatures.",
    "docsPath": "dockerfile/unsigned-packages.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/unsigned-packages.md"
  },
  {
    "id": "DG111",
    "name": "image-unpinned",
    "kind": "dockerfile",
    "summary": "A FROM image has no tag or uses :latest.",
    "docsPath": "dockerfile/image-unpinned.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/image-unpinned.md"
  },
  {
    "id": "DG112",
    "name": "image-digest",
    "kind": "dockerfile",
    "summary": "A FROM image is not pinned by @sha256 digest.",
    "docsPath": "dockerfile/image-digest.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/image-digest.md"
  },
  {
    "id": "DG113",
    "name": "expose-ssh",
    "kind": "dockerfile",
    "summary": "The image exposes the SSH port 22.",
    "docsPath": "dockerfile/expose-ssh.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/expose-ssh.md"
  },
  {
    "id": "DG114",
    "name": "password-in-run",
    "kind": "dockerfile",
    "summary": "A RUN command sets or passes a password on its command line.",
    "docsPath": "dockerfile/password-in-run.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/password-in-run.md"
  },
  {
    "id": "DG115",
    "name": "chmod-unsafe",
    "kind": "dockerfile",
    "summary": "chmod sets setuid/setgid bits or makes files world-writable.",
    "docsPath": "dockerfile/chmod-unsafe.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/chmod-unsafe.md"
  },
  {
    "id": "DG116",
    "name": "copy-secret-file",
    "kind": "dockerfile",
    "summary": "COPY or ADD copies a credential file into the image.",
    "docsPath": "dockerfile/copy-secret-file.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/copy-secret-file.md"
  },
  {
    "id": "DG117",
    "name": "run-insecure",
    "kind": "dockerfile",
    "summary": "RUN --security=insecure runs a build step without the sandbox.",
    "docsPath": "dockerfile/run-insecure.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/run-insecure.md"
  },
  {
    "id": "DG118",
    "name": "healthcheck-missing",
    "kind": "dockerfile",
    "summary": "The final stage has no HEALTHCHECK.",
    "docsPath": "dockerfile/healthcheck-missing.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/dockerfile/healthcheck-missing.md"
  },
  {
    "id": "DG201",
    "name": "privileged",
    "kind": "compose",
    "summary": "A service runs privileged, with every capability and device of the host.",
    "docsPath": "compose/privileged.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/privileged.md"
  },
  {
    "id": "DG202",
    "name": "docker-socket",
    "kind": "compose",
    "summary": "A service mounts a container daemon socket, which gives it control of the host.",
    "docsPath": "compose/docker-socket.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/docker-socket.md"
  },
  {
    "id": "DG203",
    "name": "daemon-tcp",
    "kind": "compose",
    "summary": "A service uses or exposes the Docker daemon over unencrypted TCP.",
    "docsPath": "compose/daemon-tcp.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/daemon-tcp.md"
  },
  {
    "id": "DG204",
    "name": "cap-drop-all",
    "kind": "compose",
    "summary": "A service does not drop all capabilities with cap_drop: [ALL].",
    "docsPath": "compose/cap-drop-all.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/cap-drop-all.md"
  },
  {
    "id": "DG205",
    "name": "cap-add-dangerous",
    "kind": "compose",
    "summary": "A service adds a capability that allows escaping or controlling the host.",
    "docsPath": "compose/cap-add-dangerous.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/cap-add-dangerous.md"
  },
  {
    "id": "DG206",
    "name": "no-new-privileges",
    "kind": "compose",
    "summary": "A service does not set no-new-privileges, so setuid binaries can raise privileges.",
    "docsPath": "compose/no-new-privileges.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/no-new-privileges.md"
  },
  {
    "id": "DG207",
    "name": "user-root",
    "kind": "compose",
    "summary": "A service's user: is root.",
    "docsPath": "compose/user-root.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/user-root.md"
  },
  {
    "id": "DG208",
    "name": "user-unset",
    "kind": "compose",
    "summary": "A service sets no user: and does not build a non-root image of this workspace.",
    "docsPath": "compose/user-unset.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/user-unset.md"
  },
  {
    "id": "DG209",
    "name": "host-namespace",
    "kind": "compose",
    "summary": "A service shares the host's network, PID, IPC, UTS or user namespace.",
    "docsPath": "compose/host-namespace.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/host-namespace.md"
  },
  {
    "id": "DG210",
    "name": "seccomp-unconfined",
    "kind": "compose",
    "summary": "A service turns the seccomp filter off.",
    "docsPath": "compose/seccomp-unconfined.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/seccomp-unconfined.md"
  },
  {
    "id": "DG211",
    "name": "apparmor-unconfined",
    "kind": "compose",
    "summary": "A service turns the AppArmor profile off.",
    "docsPath": "compose/apparmor-unconfined.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/apparmor-unconfined.md"
  },
  {
    "id": "DG212",
    "name": "selinux-disabled",
    "kind": "compose",
    "summary": "A service turns SELinux labelling off.",
    "docsPath": "compose/selinux-disabled.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/selinux-disabled.md"
  },
  {
    "id": "DG213",
    "name": "systempaths-unconfined",
    "kind": "compose",
    "summary": "A service unmasks the kernel's /proc and /sys paths.",
    "docsPath": "compose/systempaths-unconfined.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/systempaths-unconfined.md"
  },
  {
    "id": "DG214",
    "name": "read-only-rootfs",
    "kind": "compose",
    "summary": "A service's root filesystem is writable (read_only is not true).",
    "docsPath": "compose/read-only-rootfs.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/read-only-rootfs.md"
  },
  {
    "id": "DG215",
    "name": "writable-bind-mount",
    "kind": "compose",
    "summary": "A host directory is bind-mounted writable.",
    "docsPath": "compose/writable-bind-mount.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/writable-bind-mount.md"
  },
  {
    "id": "DG216",
    "name": "sensitive-host-mount",
    "kind": "compose",
    "summary": "A sensitive host path (/, /etc, /proc, /var/run, ~/.ssh, ...) is mounted into a container.",
    "docsPath": "compose/sensitive-host-mount.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/sensitive-host-mount.md"
  },
  {
    "id": "DG217",
    "name": "memory-limit",
    "kind": "compose",
    "summary": "A service has no memory limit.",
    "docsPath": "compose/memory-limit.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/memory-limit.md"
  },
  {
    "id": "DG218",
    "name": "cpu-limit",
    "kind": "compose",
    "summary": "A service has no CPU limit.",
    "docsPath": "compose/cpu-limit.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/cpu-limit.md"
  },
  {
    "id": "DG219",
    "name": "pids-limit",
    "kind": "compose",
    "summary": "A service has no limit on the number of processes.",
    "docsPath": "compose/pids-limit.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/pids-limit.md"
  },
  {
    "id": "DG220",
    "name": "restart-unbounded",
    "kind": "compose",
    "summary": "A restart policy restarts a failing container forever.",
    "docsPath": "compose/restart-unbounded.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/restart-unbounded.md"
  },
  {
    "id": "DG221",
    "name": "ulimits",
    "kind": "compose",
    "summary": "A service sets no ulimits for open files (nofile) and processes (nproc).",
    "docsPath": "compose/ulimits.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/ulimits.md"
  },
  {
    "id": "DG222",
    "name": "devices",
    "kind": "compose",
    "summary": "A service is given host devices or device cgroup rules.",
    "docsPath": "compose/devices.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/devices.md"
  },
  {
    "id": "DG223",
    "name": "secret-in-environment",
    "kind": "compose",
    "summary": "A service environment variable holds a literal secret.",
    "docsPath": "compose/secret-in-environment.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/secret-in-environment.md"
  },
  {
    "id": "DG224",
    "name": "image-unpinned",
    "kind": "compose",
    "summary": "A service image has no tag or uses :latest.",
    "docsPath": "compose/image-unpinned.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/image-unpinned.md"
  },
  {
    "id": "DG225",
    "name": "port-all-interfaces",
    "kind": "compose",
    "summary": "A published port has no host IP, so it listens on all interfaces.",
    "docsPath": "compose/port-all-interfaces.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/port-all-interfaces.md"
  },
  {
    "id": "DG226",
    "name": "icc",
    "kind": "compose",
    "summary": "Services share one network with inter-container communication enabled.",
    "docsPath": "compose/icc.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/icc.md"
  },
  {
    "id": "DG227",
    "name": "mount-propagation",
    "kind": "compose",
    "summary": "A bind mount uses shared or rshared propagation.",
    "docsPath": "compose/mount-propagation.md",
    "docsUrl": "https://github.com/dockguard/dockguard/blob/main/shared/src/rules/compose/mount-propagation.md"
  }
];
