import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';

const ID = 'DG114';

test('chpasswd and passwd --stdin, however the password is fed', () => {
  assertFires(ID, "FROM debian\nRUN echo 'root:secret' | «chpasswd»\n");
  assertFires(ID, 'FROM debian\nARG PW\nRUN useradd app && echo "app:${PW}" | «/usr/sbin/chpasswd»\n');
  assertFires(ID, "FROM debian\nRUN echo 'root:$6$abc$def' | «chpasswd» -e\n");
  assertFires(ID, 'FROM centos\nRUN echo secret | «passwd» --stdin root\n');
  assertFires(ID, 'FROM debian\nRUN <<EOF\necho "root:secret" | «chpasswd»\nEOF\n');
  assert.match(findingsOf(ID, "FROM debian\nRUN echo 'root:$6$x' | chpasswd -e\n")[0].message, /hashed/);
});

test('useradd/usermod -p and --password', () => {
  assertFires(ID, 'FROM debian\nRUN useradd -m «-p $(openssl passwd -1 secret)» app\n');
  assertFires(ID, 'FROM debian\nRUN usermod «--password=$HASH» app && useradd «-mp xyz» other\n');
  assertQuiet(ID, "FROM debian\nRUN useradd -m -p '*' app && usermod -p '!' other && useradd -p '' third\n");
  assertQuiet(ID, 'FROM debian\nRUN useradd -m -s /bin/bash -G sudo app && passwd -d app && passwd -l root\n');
});

test('registry logins with -p/--password, but not --password-stdin', () => {
  assertFires(ID, 'FROM docker\nRUN docker login -u me «-p secret» registry.example\n');
  assertFires(ID, 'FROM docker\nRUN docker --config /tmp/c login «--password=$TOKEN» -u me r.example\n');
  assertFires(ID, 'FROM quay.io/podman/stable\nRUN podman login «--password secret» -u me quay.io && helm registry login r «-p x» -u y\n');
  assertQuiet(ID, 'FROM docker\nRUN echo "$TOKEN" | docker login --password-stdin -u me r.example\n');
  assertQuiet(ID, 'FROM docker\nRUN docker run -p 80:80 x && docker logout\n');
});

test('aws configure set with a secret, az login -p, database clients, htpasswd -b', () => {
  assertFires(ID, 'FROM amazon/aws-cli\nRUN aws configure set «aws_secret_access_key $SECRET» --profile ci\n');
  assertFires(ID, 'FROM amazon/aws-cli\nRUN aws configure set --profile ci «default.aws_session_token abc»\n');
  assertQuiet(ID, 'FROM amazon/aws-cli\nRUN aws configure set region eu-west-1 && aws configure set aws_access_key_id AKIA\n');
  assertFires(ID, 'FROM mcr.microsoft.com/azure-cli\nRUN az login --service-principal -u app «-p secret» --tenant t\n');
  assertFires(ID, 'FROM mysql\nRUN mysql -uroot «-psecret» -e "CREATE DATABASE x" && mysqladmin -u root «password newpass»\n');
  assertQuiet(ID, 'FROM mysql\nRUN mysql -uroot -p -e "SELECT 1" && mysql --password -u root\n');
  assertFires(ID, 'FROM nginx\nRUN htpasswd -bc /etc/nginx/.htpasswd admin «secret»\n');
  assertQuiet(ID, 'FROM nginx\nRUN htpasswd -c /etc/nginx/.htpasswd admin\n');
});

test('any other program given --password with a value', () => {
  assertFires(ID, 'FROM python\nRUN bin/gmg adduser --username "${MG_USER}" «--password "${MG_PASS}"» --email x\n');
  assertFires(ID, 'FROM python\nRUN ./manage.py createuser admin «--password=hunter2»\n');
  assertQuiet(ID, 'FROM python\nRUN tool --password && tool --password= && tool --password-file /run/x && tool --password plain-operand\n');
});

test('a RUN that mounts a secret is trusted to take the password from it', () => {
  assertQuiet(ID, 'FROM debian\nRUN --mount=type=secret,id=pw echo "root:$(cat /run/secrets/pw)" | chpasswd\n');
  assertQuiet(ID, 'FROM docker\nRUN --mount=type=secret,id=t,env=TOKEN docker login -u me -p "$TOKEN" r.example\n');
});

test('does not fire on text, comments or other instructions', () => {
  assertQuiet(ID, 'FROM debian\nRUN echo "use chpasswd to set passwords" > /README\n# RUN echo root:x | chpasswd\n');
  assertQuiet(ID, 'FROM debian\nRUN apt-get install -y passwd && chmod 640 /etc/shadow\n');
  assertQuiet(ID, 'FROM debian\nCMD echo "root:$ROOT_PASSWORD" | chpasswd && exec sshd -D\n');
});
