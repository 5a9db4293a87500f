// How the wall answers each expression bucket: a name, a playful line and a colour scheme. Pure data, and
// only about the expression on the face: nothing about who the person is.
import type { ExpressionBucket } from '../../../contracts/wall.ts';
import type { Bilingual } from '../i18n/strings.ts';

export type ExpressionLook = {
  name: Bilingual;
  line: Bilingual;
  /** Background gradient, and the mascot's face colour. */
  from: string;
  to: string;
  face: string;
};

export const expressionLooks: Readonly<Record<ExpressionBucket, ExpressionLook>> = {
  none: { name: { 'zh-CN': '看着我', en: 'Look at me' }, line: { 'zh-CN': '对着屏幕做个表情吧', en: 'Make a face at the screen' }, from: '#3b2a20', to: '#8c6527', face: '#f6d28b' },
  happy: { name: { 'zh-CN': '开心', en: 'Happy' }, line: { 'zh-CN': '笑容满分！', en: 'What a smile!' }, from: '#ff8a00', to: '#ffcf33', face: '#ffe066' },
  surprised: { name: { 'zh-CN': '惊喜', en: 'Surprised' }, line: { 'zh-CN': '哇！有什么好事？', en: 'Whoa! Good news?' }, from: '#8e24aa', to: '#ff5fa2', face: '#ffd166' },
  neutral: { name: { 'zh-CN': '淡定', en: 'Calm' }, line: { 'zh-CN': '好淡定，笑一个试试？', en: 'Cool and calm: try a smile?' }, from: '#00796b', to: '#4dd0c4', face: '#ffe08a' },
  sad: { name: { 'zh-CN': '有点难过', en: 'A bit blue' }, line: { 'zh-CN': '别难过，请你歇一歇', en: 'Chin up, take a break' }, from: '#1e3c8c', to: '#5c9ded', face: '#ffe3a3' },
  angry: { name: { 'zh-CN': '生气', en: 'Grumpy' }, line: { 'zh-CN': '消消气，火锅走起', en: 'Cool down: hotpot time' }, from: '#b71c1c', to: '#ff6d3a', face: '#ff9a7a' },
  fearful: { name: { 'zh-CN': '害怕', en: 'Startled' }, line: { 'zh-CN': '别怕别怕，我很友好', en: 'No need to worry, I am friendly' }, from: '#3a2a8c', to: '#8a7dff', face: '#ffe8b0' },
  disgusted: { name: { 'zh-CN': '嫌弃', en: 'Unimpressed' }, line: { 'zh-CN': '嫌弃脸也好可爱', en: 'Even that face is cute' }, from: '#2e7d32', to: '#a5d64c', face: '#d8f08a' },
};
