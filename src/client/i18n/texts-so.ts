/** The participant pages' own words in Somali: generated from a translator's file, not yet reviewed by a native speaker (see docs/languages.md). */
import type { ParticipantErrorTexts } from './error-codes.ts';
import type { RunnerTexts } from './texts-sv.ts';

export const texts: RunnerTexts = {
  languages: 'Luqadda',
  thanks: 'Waad ku mahadsan tahay jawaabahaaga!',
  thanksBody: 'Jawaabahaaga waa la kaydiyay. Hadda waad xiri kartaa bogga.',
  already: 'Horey ayaad uga jawaabtay sahankan. Mahadsanid!',
  withdrawn: 'Waad ka noqotay oggolaanshahaagii',
  withdrawnBody: 'Wax dambe lagaama soo ururiyo. Waxaad helaysaa isla taageeradii hore. Waad xiri kartaa bogga.',
  sending: 'Jawaabahaaga waa la dirayaa …',
  offline:
    'Kuma xirnid internetka. Jawaabahaaga waxay ku kaydsan yihiin taleefanka, waxaana la diri doonaa marka aad mar kale ku xirantid.',
  serverBusy:
    'Hadda suurtagal ma noqon in la diro. Jawaabahaaga waxay ku kaydsan yihiin taleefanka, waxaana mar kale la diri doonaa wax yar kadib.',
  notSentTitle: 'Jawaabahaaga weli lama dirin',
  retryNow: 'Hadda isku day mar kale',
  error: 'Wax baa khaldamay',
  tryAgain: 'Isku day mar kale wax yar kadib. Jawaabahaagu way jiraan weli.',
  linkTitle: 'Linkigu ma shaqaynayo',
  progress: (n: number, of: number) => `Su'aasha ${n} ee ${of}`,
  saveLater: 'Kaydi oo sii wad mar dambe',
  savedTitle: 'Jawaabahaaga waa la kaydiyay',
  savedBody:
    "Hadda waad xiri kartaa bogga. Fur isla linkiga mar kale taleefankan marka aad rabto inaad sii wadato. Waxaad ku soo laabanaysaa isla su'aashii.",
  savedLocalBody:
    'Jawaabahaaga waxay ku kaydsan yihiin taleefanka. Fur isla linkiga mar kale taleefankan marka aad rabto inaad sii wadato.',
  continue: 'Sii wad jawaabidda',
  withdrawLink: 'Ka noqo oggolaanshaha',
  declineLink: 'Ma rabo inaan ka qayb qaato',
  consentRenew:
    'Qoraalka oggolaanshaha waa la beddelay. Akhri qoraalka cusub oo mar kale jawaab. Waa inaad taas samaysaa ka hor intaadan sii wadan.',
  withdrawTitle: 'Ka noqo oggolaanshahaaga',
  withdrawIntro: 'Wakhti kasta waad ka noqon kartaa, adigoon sababta sheegin.',
  withdrawPoints: [
    'Jawaabo dambe kaama soo ururinno.',
    'Waxaad helaysaa isla taageeradii hore. Taasi ma saamaynayso taageeradaada.',
    'Tababarahaagu wuxuu arkaa inaad ka noqotay oggolaanshahaaga, laakiin ma arko sababta.',
  ],
  sentAnswers: {
    erase:
      'Jawaabaha aad horey u dirtay isla markiiba waa la tirtirayaa. Ma sii jiri doonaan, laguma tirin doono soo-koobid kasta.',
    keep: 'Jawaabaha aad horey u dirtay way ku sii jiri doonaan soo-koobidda, iyagoon magacaaga lahayn.',
  },
  sentAnswersDone: {
    erase: 'Jawaabahaaga waa la tirtiray.',
    keep: 'Jawaabaha aad horey u dirtay way ku sii jiri doonaan soo-koobidda, iyagoon magacaaga lahayn.',
  },
  contact: (who: string) => `Su'aalo: ${who}`,
  withdrawConfirm: 'Haa, ka noqo oggolaanshahayga',
  withdrawCancel: 'Maya, dib u noqo',
  withdrawing: 'Waa laga noqonayaa …',
  withdrawDone: 'Oggolaanshahaagii waa laga noqday',
  declineTitle: 'Kuma khasbana inaad ka qayb qaadato',
  declineBody:
    'Oggolaansho ma aadan bixin, waxna oo aad buuxisay nooma soo dirin. Haddii aadan rabin inaad ka qayb qaadato, waad xiri kartaa bogga. Waxaad helaysaa isla taageerada si kastaba ha ahaatee.',
  back: 'Dib u noqo',
  offlineBanner:
    'Kuma xirnid internetka. Jawaabahaaga waxaa lagu kaydinayaa taleefanka, waxaana la diri doonaa marka aad mar kale ku xirantid.',
  answerRequired: 'Dooro jawaab si aad u sii socoto.',
  consentRequired:
    'Calaamadee sanduuqa haddii aad rabto inaad ka qayb qaadato. Haddii aadan rabin, riix ”Ma rabo inaan ka qayb qaato”.',
  declineRecord:
    'Ma rabtaa in tababarahaagu ogaado inaadan rabin inaad ka qayb qaadato? Riix badhanka. Markaas mar dambe kuma weydiin doonno.',
  declineConfirm: 'Ma rabo inaan ka qayb qaato',
  declinedTitle: 'Waad ku mahadsan tahay inaad noo sheegtay',
  declinedBody:
    "Tababarahaagu wuxuu arkaa inaadan rabin inaad ka qayb qaadato, laakiin ma arko sababta. Mar dambe kuma weydiin doonno. Waxaad helaysaa isla taageerada si kastaba ha ahaatee. Haddii aad go'aankaaga beddesho, waad furi kartaa linkiga mar kale.",
  coachPhone: {
    thanksBody: 'Jawaabahaaga waa la kaydiyay. Fadlan taleefanka dib ugu celi tababarahaaga.',
    withdrawnBody:
      'Wax dambe lagaama soo ururiyo. Waxaad helaysaa isla taageeradii hore. Fadlan taleefanka dib ugu celi tababarahaaga.',
    declineBody:
      'Oggolaansho ma aadan bixin, waxna oo aad buuxisay nooma soo dirin. Haddii aadan rabin inaad ka qayb qaadato, fadlan taleefanka dib ugu celi tababarahaaga. Waxaad helaysaa isla taageerada si kastaba ha ahaatee.',
  },
  page: {
    next: 'Xiga',
    signHere: 'Halkan saxiix',
    unknownFact: 'lama sheegin',
    notInYourLanguage:
      'Qoraalkan weli laguma hayo luqaddaada. Waxaa lagu muujinayaa iswiidhish. Tababarahaaga ka codso caawimaad ama turjumaan.',
  },
  shortCode: {
    title: 'Qor koodhkaaga',
    intro: 'Koodhku wuxuu leeyahay 8 xaraf, waxaadna ka helaysaa tababarahaaga.',
    label: 'Koodh',
    open: 'Fur sahanka',
  },
  offlinePage: {
    title: 'Kuma xirnid internetka',
    kept: 'Jawaabahaagu weli way ku jiraan taleefanka. Waxba ma lumin.',
    reload: 'Bogga dib u soo geli marka aad mar kale internetka ku xirantid.',
    retry: 'Isku day mar kale',
  },
  rateLimited: (minutes: number) => `Isku dayo aad u badan. Sug ${minutes} daqiiqo kadibna isku day mar kale.`,
  surveyjs: {
    requiredError: "Ka jawaab su'aasha.",
    otherItemText: 'Wax kale (sharax)',
    noneItemText: 'Midna',
    selectAllItemText: 'Dooro dhammaan',
    clearCaption: 'Tirtir',
    textMaxLength: 'Qor ugu badnaan {0} xaraf.',
    otherRequiredError: 'Qor waxa aad ula jeedo "wax kale".',
  },
};

export const errors: ParticipantErrorTexts = {
  VALIDATION_FAILED: 'Xogta qaabkeedu waa khalad. Hubi oo isku day mar kale.',
  INVALID_JSON: 'Xogta lama akhrin karin (JSON aan sax ahayn).',
  ANSWERS_INVALID: "Jawaabaha qaarkood kuma habboona su'aalaha. Hubi jawaabaha oo isku day mar kale.",
  ANSWER_OUT_OF_RANGE: "Jawaab ayaa ka baxsan cabbirka su'aasha.",
  CONSENT_REQUIRED: 'Marka hore waa inaad bixisaa oggolaanshahaaga ka hor intaadan ka jawaabin sahanka.',
  CONSENT_RENEWAL_REQUIRED:
    'Qoraalka oggolaanshaha waa la beddelay. Akhri qoraalka cusub oo mar kale bixi oggolaanshahaaga ka hor intaadan sii wadan.',
  CONSENT_NOT_GIVEN: "Ma aadan calaamadayn inaad oggoshahay. Oggolaansho la'aan, wax jawaab ah lama kaydiyo.",
  SHORT_CODE_INVALID:
    'Koodhku ma shaqaynayo. Waxaa laga yaabaa in horey loo isticmaalay ama uu duqoobay: koodh wuxuu shaqeeyaa hal mar, 30 daqiiqo gudahood. Tababarahaaga ka codso koodh cusub.',
  SHORT_CODE_MISTYPED:
    'Koodhka si sax ah looma qorin. Wuxuu leeyahay 8 xaraf, tusaale ahaan K7F3-9QX2. Hubi xarfaha oo isku day mar kale.',
  LINK_INVALID:
    'Linkigu mar dambe ma shaqaynayo. Waxaa laga yaabaa inaad heshay link ka cusub: isticmaal kaas. Haddii kale, tababarahaaga ka codso link cusub.',
  LINK_INCOMPLETE:
    'Linkigu ma dhammaystirna. Waxaa laga yaabaa in linkiga oo dhan aan la soo raacin. Koobiyee linkiga oo dhan, ama tababarahaaga ka codso link cusub.',
  LINK_UNKNOWN: 'Linkiga ma helno. Hubi inaad haysato linkiga oo dhan, ama tababarahaaga ka codso link cusub.',
  LINK_EXPIRED: 'Linkiga wakhtigiisii waa dhacay. Tababarahaaga ka codso link cusub.',
  NOT_FOUND: 'Waxa aad raadinayso ma jiraan.',
  DEFINITION_NOT_FOUND: 'Sahanku ma jiro.',
  ALREADY_SUBMITTED: 'Sahankan horey ayaa looga jawaabay. Mahadsanid!',
  RESPONSE_ID_CONFLICT: 'Jawaabtu waxay ku dhacday jawaab kale. Bogga dib u soo geli oo isku day mar kale.',
  CONSENT_WITHDRAWN: 'Oggolaanshaha waa laga noqday. Jawaabo dambe lama soo ururiyo.',
  CONSENT_ALREADY_GIVEN:
    'Ka qayb-qaataha horey ayuu u bixiyay oggolaansho. Ka qayb-qaataha oo keliya ayaa ka noqon kara.',
  DECLINED_BY_PARTICIPANT:
    'Ka qayb-qaataha laftiisa ayaa sheegay inuusan rabin inuu ka qayb qaato. Ka qayb-qaataha oo keliya ayaa beddeli kara taas, isagoo bixinaya oggolaansho.',
  PAYLOAD_TOO_LARGE: 'Xogtu aad bay u weyn tahay.',
  UNSUPPORTED_MEDIA_TYPE: 'Nooca xogta waa khalad. Dir JSON.',
  RATE_LIMITED: 'Isku dayo aad u badan. Sug wax yar kadibna isku day mar kale.',
  INTERNAL: 'Wax baa ka khaldamay dhankayaga. Isku day mar kale wax yar kadib.',
  DATABASE_UNAVAILABLE:
    'Adeegga si ku-meel-gaar ah looma heli karo. Jawaabahaagu way jiraan weli; isku day mar kale wax yar kadib.',
};
