// SurveyJS's text and comment questions with the kiosk's on-screen keyboard under the box (a kiosk has no hardware
// keyboard). Importing this module swaps SurveyJS's React renderers for those two types: each draws SurveyJS's own box
// (which shows the answer) and, below it, the keyboard, which edits the question's value (pinyin with candidates for
// Chinese, English after the 中文/English key). The keyboard follows the value both ways, so a change from elsewhere
// (a hardware keyboard on a staff test rig, going back a page) is what it edits next.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Question } from 'survey-core';
import { ReactQuestionFactory, SurveyQuestionComment, SurveyQuestionText } from 'survey-react-ui';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LazyOnScreenKeyboard } from '../ui/keyboard/LazyOnScreenKeyboard.tsx';

/** What SurveyJS's React layer hands a question renderer (see its createQuestionElement). */
type QuestionProps = { question: Question; isDisplayMode: boolean; creator: unknown };

let handlerKeys = 0;

/** The question's text answer, re-read whenever SurveyJS changes its value. */
function useAnswerText(question: Question): string {
  const key = useRef(`atrium-osk-${++handlerKeys}`).current;
  const subscribe = useCallback((changed: () => void) => {
    question.registerPropertyChangedHandlers(['value'], changed, key);
    return () => question.unregisterPropertyChangedHandlers(['value'], key);
  }, [question, key]);
  return useSyncExternalStore(subscribe, () => (typeof question.value === 'string' ? question.value : ''));
}

/** The question's answer is what the keyboard typed; an emptied answer is no answer (as SurveyJS has a cleared box). */
function setAnswer(question: Question, text: string): void {
  question.value = text === '' ? undefined : text;
}

function KeyboardTextQuestion({ kind, ...props }: QuestionProps & { kind: 'text' | 'comment' }) {
  const lang = useLanguage();
  const text = useAnswerText(props.question);
  const max = (props.question as Question & { getMaxLength(): number | null }).getMaxLength();
  const Box = kind === 'text' ? SurveyQuestionText : SurveyQuestionComment;
  return (
    <>
      <Box {...props} />
      {!props.isDisplayMode && (
        <div className="survey-keyboard" data-testid="survey-keyboard">
          <LazyOnScreenKeyboard
            lang={lang === 'en' ? 'en' : 'zh'}
            value={text}
            maxLength={max ?? undefined}
            onChange={(next) => setAnswer(props.question, next)}
          />
        </div>
      )}
    </>
  );
}

// SurveyJS types the creator's argument as a name, but passes the props above (its own registrations do the same).
type Creator = Parameters<typeof ReactQuestionFactory.Instance.registerQuestion>[1];
ReactQuestionFactory.Instance.registerQuestion('text', ((props: QuestionProps) => <KeyboardTextQuestion kind="text" {...props} />) as unknown as Creator);
ReactQuestionFactory.Instance.registerQuestion('comment', ((props: QuestionProps) => <KeyboardTextQuestion kind="comment" {...props} />) as unknown as Creator);
