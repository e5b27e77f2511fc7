import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked, findingsOf } from '../../test-support/rule-test';

const ID = 'DG110';

test('apt and apt-get flags and options that skip signatures', () => {
  assertFires(ID, 'FROM debian\nRUN apt-get install «--allow-unauthenticated» --yes --no-install-recommends x\n');
  assertFires(ID, 'FROM debian\nRUN apt-get update «--allow-insecure-repositories» && apt-get install -yqq «--force-yes» x\n');
  assertFires(ID, 'FROM debian\nRUN apt «-o APT::Get::AllowUnauthenticated=true» install x\n');
  assertFires(ID, 'FROM debian\nRUN apt-get «-oAcquire::AllowInsecureRepositories=1» update\n');
  assertFires(ID, 'FROM debian\nRUN sudo apt-get «--option=APT::Get::AllowUnauthenticated=yes» install x\n');
  assertFires(ID, 'FROM debian\nRUN aptitude install «--allow-untrusted» x\n');
});

test('apt commands that download nothing are quiet', () => {
  assertQuiet(ID, 'FROM debian\nRUN apt-get purge -y -f --force-yes x && apt-get autoremove --force-yes\n');
  assertQuiet(ID, 'FROM debian\nRUN apt-get install -y x && apt-get -o APT::Get::AllowUnauthenticated=false install y\n');
  assertQuiet(ID, 'FROM debian\nRUN echo --allow-unauthenticated\n# RUN apt-get install --allow-unauthenticated x\n');
});

test('apk, rpm, yum/dnf/tdnf/microdnf and zypper', () => {
  assertFires(ID, 'FROM alpine\nRUN apk add «--allow-untrusted» --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing/ x\n');
  assertFires(ID, 'FROM alpine\nRUN wget https://x/glibc.apk && apk add «--allow-untrusted» glibc.apk\n');
  assertFires(ID, 'FROM centos\nRUN rpm -ivh «--nosignature» «--nodigest» https://x/a.rpm\n');
  assertFires(ID, 'FROM centos\nRUN rpm -Uvh «--noverify» a.rpm && rpm -i «--nofiledigest» b.rpm\n');
  assertFires(ID, 'FROM centos\nRUN yum install -y «--nogpgcheck» x\n');
  assertFires(ID, 'FROM fedora\nRUN dnf «--nogpgcheck» install -y x && microdnf install «--nogpgcheck» y && tdnf install -y «--nogpgcheck» z\n');
  assertFires(ID, 'FROM fedora\nRUN dnf install -y «--setopt=gpgcheck=0» x && dnf5 install «--no-gpgchecks» y\n');
  assertFires(ID, 'FROM fedora\nRUN dnf config-manager «--setopt=myrepo.gpgcheck=False» --save\n');
  assertFires(ID, 'FROM opensuse/leap\nRUN zypper «--no-gpg-checks» install -y x && zypper in «--allow-unsigned-rpm» ./x.rpm\n');
  assertFires(ID, 'FROM opensuse/leap\nRUN zypper ar «--no-gpgcheck» https://x repo && zypper addrepo «-G» https://y other\n');
});

test('quiet for index building, queries, removals and checked signatures', () => {
  assertQuiet(ID, 'FROM alpine\nRUN apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/*.apk\n');
  assertQuiet(ID, 'FROM centos\nRUN rpm -K --nosignature a.rpm && rpm -qa --nodigest && rpm -e --nodigest x\n');
  assertQuiet(ID, 'FROM centos\nRUN yum remove -y --nogpgcheck x && yum clean all\n');
  assertQuiet(ID, 'FROM fedora\nRUN dnf install -y --setopt=gpgcheck=1 --setopt=install_weak_deps=False x\n');
  assertQuiet(ID, 'FROM opensuse/leap\nRUN zypper ar -f https://x repo && zypper --gpg-auto-import-keys refresh\n');
});

test('local packages verified earlier in the same RUN are quiet', () => {
  assertQuiet(
    ID,
    'FROM alpine\nRUN curl -O https://x/pkg.apk && curl -O https://x/pkg.sig \\\n  && gpg --verify pkg.sig pkg.apk \\\n  && apk add --allow-untrusted pkg.apk\n',
  );
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSLO https://x/a.deb && echo "abc  a.deb" | sha256sum -c - && apt-get install -y --allow-unauthenticated ./a.deb\n');
  assertQuiet(ID, 'FROM centos\nRUN curl -O https://x/a.rpm && sha256sum -c a.rpm.sha256 && rpm -i --nosignature a.rpm\n');
  // A repository package in the same transaction is not covered by the check.
  assertFires(ID, 'FROM alpine\nRUN gpg --verify pkg.sig pkg.apk && apk add «--allow-untrusted» pkg.apk unixodbc-dev\n');
  // The check must come first.
  assertFires(ID, 'FROM alpine\nRUN apk add «--allow-untrusted» pkg.apk && gpg --verify pkg.sig pkg.apk\n');
});

test('packages built by another stage of this build are quiet', () => {
  assertQuiet(
    ID,
    'FROM nginx:alpine AS builder\nRUN build-packages -o /tmp/packages\nFROM nginx:alpine\n' +
      'RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n    apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-${module}-*.apk\n',
  );
  assertQuiet(ID, 'FROM fedora AS rpms\nRUN make rpms\nFROM fedora\nCOPY --from=rpms /out/ /tmp/rpms/\nRUN dnf install -y --nogpgcheck /tmp/rpms/*.rpm\n');
  // A mount from an image, or packages outside the mounted path, are not built here.
  assertFires(ID, 'FROM alpine\nRUN --mount=type=bind,target=/pkgs,from=example/packages:1 apk add «--allow-untrusted» /pkgs/x.apk\n');
  assertFires(ID, 'FROM fedora AS rpms\nRUN make\nFROM fedora\nCOPY --from=rpms /out/ /tmp/rpms/\nRUN dnf install -y «--nogpgcheck» /tmp/rpms/a.rpm other-package\n');
});

test('settings written into configuration files', () => {
  assertFires(ID, 'FROM centos\nRUN echo "«gpgcheck=0»" >> /etc/yum.repos.d/x.repo\n');
  assertFires(ID, "FROM centos\nRUN printf '[x]\\nbaseurl=https://x\\n«gpgcheck=0»\\nrepo_gpgcheck=0\\n' > /etc/yum.repos.d/x.repo\n");
  assertFires(ID, 'FROM centos\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\nbaseurl=https://x\n«gpgcheck = false»\nEOF\n');
  assertFires(ID, 'FROM centos\nRUN sed -i \'s/gpgcheck=1/«gpgcheck=0»/\' /etc/yum.repos.d/x.repo\n');
  assertFires(ID, 'FROM debian\nRUN echo \'«APT::Get::AllowUnauthenticated "true"»;\' > /etc/apt/apt.conf.d/99unsafe\n');
  assertFires(ID, 'FROM debian\nRUN echo \'deb [ «allow-insecure=yes» «trusted=yes» ] https://apt.example/x bookworm main\' > /etc/apt/sources.list.d/x.list\n');
  assertFires(ID, 'FROM archlinux\nRUN sed -i \'s/^SigLevel.*/«SigLevel = Never»/\' /etc/pacman.conf\n');
});

test('local repositories and re-enabled checks are quiet', () => {
  assertQuiet(ID, 'FROM debian\nRUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n');
  assertQuiet(ID, 'FROM centos\nRUN sed -i \'s/gpgcheck=0/gpgcheck=1/\' /etc/yum.conf && echo gpgcheck=0\n');
  assertQuiet(ID, 'FROM centos\nRUN echo "repo_gpgcheck=0" >> /etc/yum.conf\n');
});

test('fixes remove the flag, or the option with its value', () => {
  assertFix(ID, 'FROM debian\nRUN apt-get install -y --allow-unauthenticated x\n', 'FROM debian\nRUN apt-get install -y x\n');
  assertFix(ID, 'FROM debian\nRUN apt-get install \\\n    --allow-unauthenticated \\\n    x\n', 'FROM debian\nRUN apt-get install \\\n    x\n');
  assertFix(ID, 'FROM debian\nRUN apt -o APT::Get::AllowUnauthenticated=true install x\n', 'FROM debian\nRUN apt install x\n');
  assertFix(ID, 'FROM alpine\r\nRUN apk add --allow-untrusted x\r\n', 'FROM alpine\r\nRUN apk add x\r\n');
  assertFix(ID, 'FROM centos\nRUN yum install -y --nogpgcheck x\n', 'FROM centos\nRUN yum install -y x\n');
  applyFixChecked(ID, 'FROM centos\nRUN rpm -ivh --nosignature --nodigest a.rpm\n');
  applyFixChecked(ID, 'FROM opensuse/leap\nRUN zypper addrepo -G https://y other\n');
});

test('no fix for settings written into files', () => {
  const [finding] = findingsOf(ID, 'FROM centos\nRUN echo "gpgcheck=0" >> /etc/yum.repos.d/x.repo\n');
  assert.deepEqual(finding.fixes, []);
});
