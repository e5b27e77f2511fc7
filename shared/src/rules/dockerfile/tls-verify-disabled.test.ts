import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked, findingsOf } from '../../test-support/rule-test';

const ID = 'DG109';

test('curl -k and --insecure, alone or combined with other short flags', () => {
  assertFires(ID, 'FROM debian\nRUN curl «-k» https://x -o /tmp/x\n');
  assertFires(ID, 'FROM debian\nRUN curl «--insecure» -fsSL https://x\n');
  assertFires(ID, 'FROM debian\nRUN curl «-fsSLk» https://x | tar xz\n');
  assertFires(ID, 'FROM debian\nRUN sudo curl «-kL» https://x -o x && curl «--proxy-insecure» https://y\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -fsSL -o k https://x && curl -H "X-k: 1" https://y && curl -so /tmp/k https://z\n');
  assertFires(ID, 'FROM debian\nRUN curl «-sko» /tmp/x https://z\n');
  assertQuiet(ID, 'FROM debian\nRUN curl -u k:secret https://x -ok\n');
});

test('wget --no-check-certificate, its abbreviations, and -e check_certificate=off', () => {
  assertFires(ID, 'FROM debian\nRUN wget «--no-check-certificate» https://x\n');
  assertFires(ID, 'FROM debian\nRUN wget -q «--no-check-cert» https://x\n');
  assertFires(ID, 'FROM debian\nRUN wget «-e check_certificate=off» https://x\n');
  assertFires(ID, 'FROM debian\nRUN wget «--check-certificate=off» https://x\n');
  assertQuiet(ID, 'FROM debian\nRUN wget --no-clobber --no-cookies https://x\n');
});

test('pip --trusted-host, for pip, pip3 and python -m pip, and pip config', () => {
  assertFires(ID, 'FROM python\nRUN pip install «--trusted-host pypi.org» -r requirements.txt\n');
  assertFires(ID, 'FROM python\nRUN pip3 install «--trusted-host=files.pythonhosted.org» x\n');
  assertFires(ID, 'FROM python\nRUN python3 -m pip install «--trusted-host pypi.org» «--trusted-host files.pythonhosted.org» x\n');
  assertFires(ID, 'FROM python\nRUN pip config set «global.trusted-host pypi.org»\n');
  assertFires(ID, 'FROM python\nRUN uv pip install «--allow-insecure-host pypi.org» x\n');
  assertQuiet(ID, 'FROM python\nRUN pip install --index-url https://pypi.org/simple x && python -m json.tool f\n');
});

test('environment variables in ENV, ARG and on the command line', () => {
  assertFires(ID, 'FROM python\nENV «PIP_TRUSTED_HOST=pypi.org»\n');
  assertFires(ID, 'FROM python\nARG «PIP_TRUSTED_HOST=pypi.org»\n');
  assertFires(ID, 'FROM python\nENV «PYTHONHTTPSVERIFY 0»\n');
  assertFires(ID, 'FROM node\nENV NODE_ENV=production «NODE_TLS_REJECT_UNAUTHORIZED=0»\n');
  assertFires(ID, 'FROM node\nRUN «NODE_TLS_REJECT_UNAUTHORIZED=0» npm install\n');
  assertFires(ID, 'FROM node\nRUN env «NODE_TLS_REJECT_UNAUTHORIZED=0» npm ci\n');
  assertFires(ID, 'FROM node\nRUN export «NODE_TLS_REJECT_UNAUTHORIZED=0» && npm ci\n');
  assertFires(ID, 'FROM alpine\nENV «GIT_SSL_NO_VERIFY=1»\n');
  assertFires(ID, 'FROM alpine\nENV «GIT_SSL_NO_VERIFY=false»\n');
  assertFires(ID, 'FROM alpine\nRUN «GIT_SSL_NO_VERIFY=true» git clone https://x\n');
  assertFires(ID, 'FROM node\nENV «npm_config_strict_ssl=false»\n');
  assertFires(ID, 'FROM node\nARG V=0\nENV «NODE_TLS_REJECT_UNAUTHORIZED=$V»\n');
  assertFires(ID, "FROM node\nENV «NODE_TLS_REJECT_UNAUTHORIZED='0'»\nENV «NODE_TLS_REJECT_UNAUTHORIZED \"0\"»\n");
  assertFires(ID, 'FROM golang\nENV «GOINSECURE=git.internal.example»\n');
});

test('environment variables that leave verification on', () => {
  assertQuiet(ID, 'FROM python\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1\n');
  assertQuiet(ID, 'FROM alpine\nARG GIT_SSL_NO_VERIFY\nARG PIP_TRUSTED_HOST\n');
  assertQuiet(ID, 'FROM alpine\nENV PIP_TRUSTED_HOST=""\n');
  assertQuiet(ID, 'FROM node\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0; echo "NODE_TLS_REJECT_UNAUTHORIZED=0"\n');
  assertQuiet(ID, 'FROM node\nENV NODE_TLS_REJECT_UNAUTHORIZED=$UNKNOWN\n');
});

test('git: -c http.sslVerify=false and git config', () => {
  assertFires(ID, 'FROM alpine\nRUN git «-c http.sslVerify=false» clone https://x\n');
  assertFires(ID, 'FROM alpine\nRUN git «-c http.https://x.example/.sslverify=0» clone https://x.example/r\n');
  assertFires(ID, 'FROM alpine\nRUN git config --global «http.sslVerify false»\n');
  assertFires(ID, 'FROM alpine\nRUN git config --global «http.sslverify "false"»\n');
  assertQuiet(ID, 'FROM alpine\nRUN git -c http.sslVerify=true clone x && git config --global http.sslVerify true\n');
  assertQuiet(ID, 'FROM alpine\nRUN git -c core.autocrlf=false clone x && git config user.name false\n');
});

test('npm, yarn and pnpm strict-ssl', () => {
  assertFires(ID, 'FROM node\nRUN npm config set «strict-ssl false»\n');
  assertFires(ID, 'FROM node\nRUN npm config set «strict-ssl=false» && yarn config set «strict-ssl false» -g\n');
  assertFires(ID, 'FROM node\nRUN npm set «strict-ssl false»\n');
  assertFires(ID, 'FROM node\nRUN yarn config set «enableStrictSsl false»\n');
  assertFires(ID, 'FROM node\nRUN npm install «--strict-ssl=false» && npm ci «--no-strict-ssl» && pnpm i «--strict-ssl false»\n');
  assertQuiet(ID, 'FROM node\nRUN npm config set strict-ssl true && npm install strict-ssl=false && npm config get strict-ssl\n');
});

test('yum/dnf sslverify, apt Verify-Peer, conda ssl_verify, composer disable-tls', () => {
  assertFires(ID, 'FROM fedora\nRUN dnf install -y «--setopt=sslverify=0» x\n');
  assertFires(ID, 'FROM centos\nRUN yum «--setopt=*.sslverify=false» install -y x\n');
  assertFires(ID, 'FROM centos\nRUN yum-config-manager «--setopt epel.sslverify=0» --save\n');
  assertFires(ID, 'FROM debian\nRUN apt-get «-o Acquire::https::Verify-Peer=false» update\n');
  assertFires(ID, 'FROM continuumio/miniconda3\nRUN conda config «--set ssl_verify false»\n');
  assertFires(ID, 'FROM composer\nRUN composer config -g «disable-tls true»\n');
  assertQuiet(ID, 'FROM fedora\nRUN dnf install -y --setopt=sslverify=1 --setopt=install_weak_deps=False x\n');
});

test('settings written into configuration files', () => {
  assertFires(ID, 'FROM centos\nRUN echo "«sslverify=0»" >> /etc/yum.conf\n');
  assertFires(ID, "FROM centos\nRUN printf '[x]\\nbaseurl=https://x\\n«sslverify=false»\\n' > /etc/yum.repos.d/x.repo\n");
  assertFires(ID, 'FROM centos\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\nbaseurl=https://x\n«sslverify = 0»\nEOF\n');
  assertFires(ID, 'FROM node\nRUN echo "«strict-ssl=false»" >> ~/.npmrc\n');
  assertFires(ID, 'FROM debian\nRUN echo «check_certificate = off» >> /etc/wgetrc\n');
  assertFires(ID, 'FROM debian\nRUN echo «insecure» >> ~/.curlrc\n');
  assertFires(ID, 'FROM python\nRUN printf "[global]\\n«trusted-host =» pypi.org\\n" > /etc/pip.conf\n');
  assertFires(ID, 'FROM debian\nRUN echo \'Acquire::https::«Verify-Peer "false"»;\' > /etc/apt/apt.conf.d/99x\n');
  assertFires(ID, 'FROM centos\nRUN sed -i \'s/sslverify=1/«sslverify=0»/\' /etc/yum.conf\n');
});

test('text that only looks like a setting is quiet', () => {
  assertQuiet(ID, 'FROM centos\nRUN echo sslverify=0\n');
  assertQuiet(ID, 'FROM centos\nRUN sed -i \'s/sslverify=0/sslverify=1/\' /etc/yum.conf && echo insecure > /tmp/notes\n');
  assertQuiet(ID, 'FROM centos\nRUN echo "repo_sslverify=0x" >> /etc/other.conf\n');
  assertQuiet(ID, 'FROM debian\n# RUN curl -k https://x\nHEALTHCHECK CMD curl -k https://localhost/health\n');
  assertQuiet(ID, 'FROM debian\nRUN echo "curl -k https://x" > /usr/local/bin/note\n');
});

test('fixes remove the flag, the letter, or the assignment', () => {
  assertFix(ID, 'FROM debian\nRUN curl -k https://x\n', 'FROM debian\nRUN curl https://x\n');
  assertFix(ID, 'FROM debian\nRUN curl -fsSLk https://x\n', 'FROM debian\nRUN curl -fsSL https://x\n');
  assertFix(ID, 'FROM debian\nRUN curl -kfsSL https://x\n', 'FROM debian\nRUN curl -fsSL https://x\n');
  assertFix(ID, 'FROM debian\nRUN wget --no-check-certificate -O /x https://x\n', 'FROM debian\nRUN wget -O /x https://x\n');
  assertFix(ID, 'FROM python\nRUN pip install --trusted-host pypi.org -r r.txt\n', 'FROM python\nRUN pip install -r r.txt\n');
  assertFix(ID, 'FROM python\nRUN pip install \\\n    --trusted-host pypi.org \\\n    -r r.txt\n', 'FROM python\nRUN pip install \\\n    -r r.txt\n');
  assertFix(ID, 'FROM node\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm ci\n', 'FROM node\nRUN npm ci\n');
  assertFix(ID, 'FROM node\nENV A=1 NODE_TLS_REJECT_UNAUTHORIZED=0 B=2\n', 'FROM node\nENV A=1 B=2\n');
  assertFix(ID, 'FROM node\r\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\r\n', 'FROM node\r\nRUN npm ci\r\n');
  assertFix(ID, 'FROM alpine\nRUN git -c http.sslVerify=false clone https://x\n', 'FROM alpine\nRUN git clone https://x\n');
  assertFix(ID, 'FROM fedora\nRUN dnf --setopt=sslverify=0 install -y x\n', 'FROM fedora\nRUN dnf install -y x\n');
  applyFixChecked(ID, 'FROM node\nRUN npm install --strict-ssl false --no-audit\n');
  applyFixChecked(ID, 'FROM debian\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n');
});

test('no fix where removing one word would not be clean', () => {
  const cases = [
    'FROM alpine\nRUN git config --global http.sslVerify false\n',
    'FROM node\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci\n',
    'FROM debian\nRUN echo insecure >> ~/.curlrc\n',
    "FROM debian\nRUN curl '-fsSLk' https://x\n",
  ];
  for (const text of cases) {
    const [finding] = findingsOf(ID, text);
    assert.ok(finding, text);
    assert.deepEqual(finding.fixes, [], text);
  }
});
