/** The participant pages' own words in English. */
import type { RunnerTexts } from './texts-sv.ts';

export const en: RunnerTexts = {
  languages: 'Language',
  thanks: 'Thank you for your answers!',
  thanksBody: 'Your answers are saved. You can close this page now.',
  already: 'You have already answered this survey. Thank you!',
  withdrawn: 'You have withdrawn your consent',
  withdrawnBody: 'Nothing more is collected from you. You get the same support as before. You can close this page.',
  sending: 'Sending your answers …',
  offline: 'You are not connected. Your answers are saved on this phone and will be sent when you are connected again.',
  serverBusy: 'Your answers could not be sent just now. They are saved on this phone and will be sent again shortly.',
  notSentTitle: 'Your answers are not sent yet',
  retryNow: 'Try again now',
  error: 'Something went wrong',
  tryAgain: 'Try again in a moment. Your answers are kept.',
  linkTitle: 'The link does not work',
  progress: (n: number, of: number) => `Question ${n} of ${of}`,
  saveLater: 'Save and continue later',
  savedTitle: 'Your answers are saved',
  savedBody:
    'You can close this page now. Open the same link again on this phone when you want to continue. You will come back to the same question.',
  savedLocalBody:
    'Your answers are saved on this phone. Open the same link again on this phone when you want to continue.',
  continue: 'Continue answering',
  withdrawLink: 'Withdraw consent',
  declineLink: 'I do not want to take part',
  consentRenew: 'The consent text has changed. Please read the new text and answer again before you go on.',
  withdrawTitle: 'Withdraw your consent',
  withdrawIntro: 'You can change your mind at any time, without giving a reason.',
  withdrawPoints: [
    'We collect no more answers from you.',
    'You get the same support as before. It does not affect your support.',
    'Your coach sees that you have withdrawn your consent, but not why.',
  ],
  sentAnswers: {
    erase: 'Answers you have already sent are deleted at once. They are not kept and are not counted in any summaries.',
    keep: 'Answers you have already sent stay in the summaries, without your name.',
  },
  sentAnswersDone: {
    erase: 'Your answers are deleted.',
    keep: 'Answers you have already sent stay in the summaries, without your name.',
  },
  contact: (who: string) => `Questions: ${who}`,
  withdrawConfirm: 'Yes, withdraw my consent',
  withdrawCancel: 'No, go back',
  withdrawing: 'Withdrawing …',
  withdrawDone: 'Your consent is withdrawn',
  declineTitle: 'You do not have to take part',
  declineBody:
    'You have not given consent, and nothing you filled in has been sent to us. If you do not want to take part, you can close this page. You get the same support either way.',
  back: 'Back',
  offlineBanner: 'You are offline. Your answers are saved on this phone and will be sent when you are connected again.',
  answerRequired: 'Choose an answer to go on.',
  consentRequired: 'Tick the box if you want to take part. If you do not, tap “I do not want to take part”.',
  declineRecord:
    'Do you want your coach to know that you do not want to take part? Press the button. Then we will not ask you again.',
  declineConfirm: 'I do not want to take part',
  declinedTitle: 'Thank you for telling us',
  declinedBody:
    'Your coach sees that you do not want to take part, but not why. We will not ask you again. You get the same support either way. If you change your mind, you can open the link again.',
  coachPhone: {
    thanksBody: 'Your answers are saved. Please give the phone back to your coach.',
    withdrawnBody:
      'Nothing more is collected from you. You get the same support as before. Please give the phone back to your coach.',
    declineBody:
      'You have not given consent, and nothing you filled in has been sent to us. If you do not want to take part, please give the phone back to your coach. You get the same support either way.',
  },
  page: {
    next: 'Next',
    signHere: 'Sign here',
    unknownFact: 'not stated',
    notInYourLanguage:
      'This text is not available in your language yet. It is shown in Swedish. Ask your coach for help or an interpreter.',
  },
  shortCode: {
    title: 'Type your code',
    intro: 'The code has 8 characters. You get it from your coach.',
    label: 'Code',
    open: 'Open the survey',
  },
  offlinePage: {
    title: 'You are offline',
    kept: 'Your answers are kept on this phone. Nothing is lost.',
    reload: 'Reload the page when you are online again.',
    retry: 'Try again',
  },
  rateLimited: (minutes: number) => `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  surveyjs: {
    requiredError: 'Please answer the question.',
    otherItemText: 'Other (describe)',
    noneItemText: 'None',
    selectAllItemText: 'Select all',
    clearCaption: 'Clear',
    textMaxLength: 'Please enter no more than {0} characters.',
    otherRequiredError: 'Please describe "other".',
  },
};
