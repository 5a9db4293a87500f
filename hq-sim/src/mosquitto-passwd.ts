// Mosquitto 2.0 password-file lines without the mosquitto_passwd tool: `user:$7$101$<salt>$<hash>`, where $7$ is
// PBKDF2-HMAC-SHA512 with 101 iterations, a 12-byte salt and a 64-byte hash, both standard base64.
import { pbkdf2Sync, randomBytes } from 'node:crypto';

export const MOSQUITTO_PBKDF2_ITERATIONS = 101;

export function mosquittoPasswordHash(password: string, salt: Buffer = randomBytes(12), iterations = MOSQUITTO_PBKDF2_ITERATIONS): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function mosquittoPasswordFile(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => {
      if (!/^[^:\s]{1,64}$/.test(user)) throw new Error(`password file user ${JSON.stringify(user)} may not contain ':' or spaces`);
      return `${user}:${mosquittoPasswordHash(password)}\n`;
    })
    .join('');
}
