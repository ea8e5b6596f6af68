import type { TransferInput } from '../shared/domain/transfer';
import type { VendorInput } from '../shared/domain/vendor';

const NOTICE = 'Privacy notice of WeAre (wearelearning.io)';

/** The controller the notice names ("Who we are and how to contact us"): the organisation of the demo. */
/** The controller of the seed notice, in Oslo: its clocks read in Norway's time. */
export const demoOrganisation = { name: 'We Are Learning AS', country: 'NO', timeZone: 'Europe/Oslo' };

/**
 * The demo register, drawn only from the seed privacy notice. Where the notice is silent (a country, a DPA date,
 * a provider's name) the field is left empty and the notes say so: the demo shows a DPO what is still missing.
 * Parents refer to other entries by `key`.
 */
export const demoVendors: (VendorInput & { key: string; parentKey?: string })[] = [
  {
    key: 'azure-eea',
    name: 'Microsoft Azure (EEA hosting)',
    legalEntity: 'Microsoft',
    role: 'sub-processor',
    services: ['Hosting of the services and customer content'],
    dataCategories: ['Customer content (text, voice data, images)', 'Identifiers', 'Usage logs'],
    dataSubjectCategories: [
      'Customers (Creators)',
      'Web App users',
      'Individuals appearing in customer content',
    ],
    headquartersCountry: 'US',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://privacy.microsoft.com/en-us/privacystatement',
    notes:
      'The notice says customer content is hosted on Microsoft Azure in the European Economic Area but does not name the region or country: record it from the Azure subscription.',
    sourceDetail: `${NOTICE}: "Using our services" (customer content) and "Data transfers"`,
  },
  {
    key: 'azure-us',
    name: 'Microsoft Azure OpenAI Service (United States)',
    legalEntity: 'Microsoft',
    role: 'sub-processor',
    services: ['AI generation of simulations from customer content'],
    dataCategories: ['Customer content (text, voice data, images)'],
    dataSubjectCategories: ['Customers (Creators)', 'Individuals appearing in customer content'],
    processingCountries: ['US'],
    headquartersCountry: 'US',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://privacy.microsoft.com/en-us/privacystatement',
    notes:
      'AI-generated simulations of customer content are "currently processed through Microsoft Azure in the United States". A transfer outside the EEA: record the mechanism (the notice cites SCCs under GDPR Art 46(2)(c)).',
    sourceDetail: `${NOTICE}: "Using our services" (customer content)`,
  },
  {
    key: 'openai',
    parentKey: 'azure-us',
    name: 'OpenAI',
    role: 'sub-processor',
    services: ['AI models behind the simulation feature'],
    dataCategories: ['Customer content (text, voice data, images)'],
    processingCountries: ['US'],
    headquartersCountry: 'US',
    dpaStatus: 'none',
    status: 'active',
    website: 'https://openai.com/policies/privacy-policy',
    notes:
      "The notice points to OpenAI's privacy policy beside Azure's for AI-generated simulations. Confirm whether OpenAI receives data itself or only through Azure OpenAI Service, then set its role and DPA.",
    sourceDetail: `${NOTICE}: "Using our services" (customer content)`,
  },
  {
    key: 'zendesk',
    name: 'Zendesk',
    role: 'processor',
    services: ['Customer support'],
    dataCategories: [
      'Identifiers (name or alias)',
      'Internet activity (timestamp, IP address)',
      'Content of support communications',
    ],
    dataSubjectCategories: ['Website visitors', 'Web App users', 'Customers'],
    processingCountries: ['US'],
    dpaStatus: 'requested',
    status: 'active',
    notes:
      'Named as the customer support provider. The notice places support services outside Europe "including in the United States of America".',
    sourceDetail: `${NOTICE}: "Data transfers and how we share personal data" and "Contacting us"`,
  },
  {
    key: 'google',
    name: 'Google',
    legalEntity: 'Google Inc, 1600 Amphitheatre Parkway, Mountain View, CA 94043, U.S.A.',
    role: 'processor',
    services: ['Google Analytics (website analytics)', 'Google Workspace: Hangouts/Meet, Drive, calendar'],
    dataCategories: [
      'Identifiers',
      'Internet activity',
      'Device information',
      'Meeting recordings and chat content',
    ],
    dataSubjectCategories: ['Website visitors', 'Meeting participants'],
    processingCountries: ['US'],
    headquartersCountry: 'US',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://policies.google.com/privacy',
    notes:
      'Analytics runs on consent (GDPR Art 6(1)(a)). For meetings the notice says Google is bound by data processing agreements with the EU SCCs (GDPR Art 46(2)(c)). The legal entity is as the notice gives it.',
    sourceDetail: `${NOTICE}: "Analytics" and "Online meetings"`,
  },
  {
    key: 'recaptcha',
    parentKey: 'google',
    name: 'Google reCAPTCHA',
    legalEntity: 'Google Inc',
    role: 'processor',
    services: ['Bot detection on web forms'],
    dataCategories: ['IP address', 'Behavioural signals (time on site, mouse movements)'],
    dataSubjectCategories: ['Website visitors'],
    processingCountries: ['US'],
    headquartersCountry: 'US',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://www.google.com/recaptcha/about',
    notes: 'Analysis starts as soon as a visitor enters the page; visitors are not necessarily told.',
    sourceDetail: `${NOTICE}: "Integration of certain Google services"`,
  },
  {
    key: 'youtube',
    parentKey: 'google',
    name: 'YouTube',
    legalEntity: 'Google Inc',
    role: 'independent-controller',
    services: ['Embedded videos'],
    dataCategories: ['Identifiers', 'Website data'],
    dataSubjectCategories: ['Website visitors', 'Web App users'],
    processingCountries: ['US'],
    headquartersCountry: 'US',
    dpaStatus: 'not-required',
    status: 'active',
    notes:
      'Video providers "may process personal data for their own purposes" (notice): an independent controller.',
    sourceDetail: `${NOTICE}: "Videos"`,
  },
  {
    key: 'amplitude',
    name: 'Amplitude',
    legalEntity: 'Amplitude, Inc. (Keizersgracht 277, 1016ED Amsterdam, The Netherlands)',
    role: 'processor',
    services: ['Product and website analytics'],
    dataCategories: [
      'Device identifiers',
      'IP address (de-identified)',
      'Browser information',
      'Country',
      'Usage events',
    ],
    dataSubjectCategories: ['Website visitors', 'Web App users'],
    headquartersCountry: 'NL',
    dpaStatus: 'requested',
    status: 'active',
    notes:
      'Runs on consent (GDPR Art 6(1)(a)). The notice gives an Amsterdam address but not where the data are processed: ask Amplitude for its data residency.',
    sourceDetail: `${NOTICE}: "Analytics"`,
  },
  {
    key: 'clarity',
    name: 'Microsoft Clarity',
    legalEntity: 'Microsoft',
    role: 'processor',
    services: ['Behavioural metrics, heatmaps and session replay'],
    dataCategories: ['Website usage data', 'Cookie identifiers'],
    dataSubjectCategories: ['Website visitors'],
    headquartersCountry: 'US',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://privacy.microsoft.com/en-US/privacystatement',
    notes:
      'Runs on consent (GDPR Art 6(1)(a)). Also used for fraud and security purposes and for advertising.',
    sourceDetail: `${NOTICE}: "Analytics"`,
  },
  {
    key: 'ms-advertising',
    name: 'Microsoft Advertising',
    legalEntity: 'Microsoft',
    role: 'independent-controller',
    services: ['Advertising'],
    dataCategories: ['Website usage data', 'Cookie identifiers'],
    dataSubjectCategories: ['Website visitors'],
    headquartersCountry: 'US',
    dpaStatus: 'none',
    status: 'active',
    notes:
      'Named beside Clarity "to improve and market our services"; its role is not stated in the notice: confirm.',
    sourceDetail: `${NOTICE}: "Analytics"`,
  },
  {
    key: 'intercom',
    name: 'Intercom',
    legalEntity:
      "Intercom R&D Unlimited Company (2nd Floor, Stephen Court, 18-21 Saint Stephen's Green, Dublin, Ireland)",
    role: 'processor',
    services: ['Website chatbot'],
    dataCategories: ['IP address', 'Chat content', 'Firmographic match'],
    dataSubjectCategories: ['Website visitors'],
    headquartersCountry: 'IE',
    dpaStatus: 'requested',
    status: 'active',
    website: 'https://www.intercom.com/legal/privacy',
    notes:
      'Runs on consent to marketing cookies (GDPR Art 6(1)(a)). "Intercom does not sell the data collected on our behalf."',
    sourceDetail: `${NOTICE}: "Chatbot"`,
  },
  {
    key: 'slack',
    name: 'Slack',
    legalEntity: 'Slack Technologies Limited (One Park Place, Upper Hatch Street, Dublin 2, Ireland)',
    role: 'independent-controller',
    services: ['Community channels'],
    dataCategories: ['Identifiers', 'Posts and other content users submit', 'Sign-up information'],
    dataSubjectCategories: ['Web App users', 'Interested parties'],
    headquartersCountry: 'IE',
    dpaStatus: 'not-required',
    status: 'active',
    website: 'https://slack.com/privacy-policy',
    notes:
      "Use of Slack is subject to Slack's own terms; the company administers the channels on legitimate interests (GDPR Art 6(1)(f)). Check whether a DPA covers the workspace.",
    sourceDetail: `${NOTICE}: "Slack channels"`,
  },
  {
    key: 'billing',
    name: 'Billing and subscription management provider',
    role: 'processor',
    services: ['Customer relationship and billing management'],
    dataCategories: ['Identifiers', 'Address', 'Billing details', 'Subscription data'],
    dataSubjectCategories: ['Customers'],
    dpaStatus: 'none',
    status: 'active',
    notes:
      'The notice does not name the provider. Address, payment and subscription data are kept for ten years under commercial and tax law.',
    sourceDetail: `${NOTICE}: "Data transfers" (service providers) and "Registering for our services"`,
  },
  {
    key: 'payments',
    name: 'Payment processor',
    role: 'processor',
    services: ['Payment processing'],
    dataCategories: ['Identifiers', 'Payment details'],
    dataSubjectCategories: ['Customers'],
    dpaStatus: 'none',
    status: 'active',
    notes:
      'The notice does not name the provider ("our service providers for service provision and payment processing").',
    sourceDetail: `${NOTICE}: "Registering for our services"`,
  },
];

const SCC_NOTE =
  'The notice says transfers outside Europe are covered by "data transfer mechanisms (such as the EU Commission approved standard contractual clauses) in accordance with GDPR article 46.2(c)". It does not give the module, the signing date or a transfer impact assessment: record them from the DPA.';

/**
 * The transfers the notice describes: its US sub-processors under the EU SCCs (GDPR Art 46(2)(c)). What the
 * notice does not say (module, signing date, TIA) is left empty, so each one shows what is still to record.
 * Importers refer to the vendors above by `key`.
 */
/**
 * What the notice does not say but a register shows: DPA dates, review dates and risk ratings, as example
 * values dated from the day the demo is loaded (some reviews overdue, one DPA past its expiry), so a first look
 * shows what the register does. Each vendor given them says so in its source.
 */
export const EXAMPLE_NOTE =
  'example values, not from the notice: DPA status and dates, review date, risk rating';

export function demoVendorExamples(
  today: string,
): Record<string, Partial<VendorInput> & { riskRating: string; nextReviewAt: string }> {
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const signed = (signedDaysAgo: number, expiresIn: number | null) => ({
    dpaStatus: 'signed' as const,
    dpaSignedAt: day(-signedDaysAgo),
    dpaExpiresAt: expiresIn === null ? null : day(expiresIn),
  });
  return {
    'azure-eea': { ...signed(420, null), nextReviewAt: day(75), riskRating: 'medium' },
    'azure-us': { ...signed(420, null), nextReviewAt: day(-12), riskRating: 'high' },
    openai: { nextReviewAt: day(-40), riskRating: 'high' },
    zendesk: { ...signed(700, 30), nextReviewAt: day(-3), riskRating: 'medium' },
    // Past its expiry: the register reads it as expired without anyone editing it.
    google: { ...signed(1100, -6), nextReviewAt: day(20), riskRating: 'medium' },
    recaptcha: { nextReviewAt: day(120), riskRating: 'low' },
    youtube: { nextReviewAt: day(200), riskRating: 'low' },
    amplitude: { nextReviewAt: day(45), riskRating: 'medium' },
    clarity: { nextReviewAt: day(90), riskRating: 'low' },
    'ms-advertising': { nextReviewAt: day(150), riskRating: 'low' },
    intercom: { ...signed(300, 430), nextReviewAt: day(160), riskRating: 'medium' },
    slack: { nextReviewAt: day(240), riskRating: 'low' },
    billing: { nextReviewAt: day(100), riskRating: 'medium' },
    payments: { nextReviewAt: day(60), riskRating: 'medium' },
  };
}

export const demoTransfers: (Omit<TransferInput, 'importer'> & { key: string; importerKey: string })[] = [
  {
    key: 'azure-openai-us',
    importerKey: 'azure-us',
    destinationCountry: 'US',
    mechanism: 'scc-2021',
    dataCategories: ['Customer content (text, voice data, images)'],
    purpose: 'AI generation of simulations from customer content',
    notes: SCC_NOTE,
    sourceDetail: `${NOTICE}: "Using our services" and "Transferred data is protected by appropriate agreements"`,
  },
  {
    key: 'zendesk-us',
    importerKey: 'zendesk',
    destinationCountry: 'US',
    mechanism: 'scc-2021',
    dataCategories: [
      'Identifiers (name or alias)',
      'Internet activity (timestamp, IP address)',
      'Content of support communications',
    ],
    purpose: 'Customer support',
    notes: SCC_NOTE,
    sourceDetail: `${NOTICE}: "Transferred data is protected by appropriate agreements" (support services in the United States)`,
  },
  {
    key: 'google-us',
    importerKey: 'google',
    destinationCountry: 'US',
    mechanism: 'scc-2021',
    dataCategories: ['Identifiers', 'Meeting recordings and chat content', 'Internet activity'],
    purpose: 'Online meetings (Google Meet) and website analytics',
    notes: `For meetings the notice says Google "is committed to EU data protection principles under data processing agreements containing the EU Commission approved standard contractual clauses in accordance with GDPR article 46.2(c)". ${SCC_NOTE}`,
    sourceDetail: `${NOTICE}: "Online meetings"`,
  },
  {
    key: 'recaptcha-us',
    importerKey: 'recaptcha',
    destinationCountry: 'US',
    mechanism: 'scc-2021',
    dataCategories: ['IP address', 'Behavioural signals (time on site, mouse movements)'],
    purpose: 'Bot detection on web forms',
    notes: SCC_NOTE,
    sourceDetail: `${NOTICE}: "Integration of certain Google services" and "Transferred data is protected by appropriate agreements"`,
  },
];

/** What the notice says of its security measures: nothing specific; the demo records that gap honestly. */
const SECURITY_NOT_STATED = null;
const BASIS_NOT_STATED =
  'The notice does not state the lawful basis for this processing: record it (“Not yet determined” until then).';

type DemoActivity = Record<string, unknown> & {
  key: string;
  name: string;
  vendorKeys: readonly string[];
  transferKeys?: readonly string[];
};

/**
 * The processing the notice describes, as its DPO would record it (Art 30(1)): each activity with the lawful
 * basis the notice states, or "not yet determined" where it is silent, the data and people it names, the
 * retention it gives (ten years for billing data under commercial and tax rules), and the vendors it names.
 */
export const demoActivities: DemoActivity[] = [
  {
    key: 'service',
    name: 'Providing the learning service',
    businessFunction: 'Product and engineering',
    purposes: [
      'Provide the WeAre training-creation service to customers',
      'Register and log in users (Creators)',
    ],
    lawfulBasis: 'contract',
    dataSubjects: ['Customers’ users (Creators)', 'Learners (end users of customer applications)'],
    dataCategories: [
      'Identifiers (email address, name or alias, IP address)',
      'Log-in and activity logs',
      'Customer content (text, voice data, images)',
    ],
    retention: [
      {
        category: 'Customer content',
        period: 'As long as needed to provide the service',
        basis: 'Notice: “only as necessary to provide our services”',
      },
    ],
    dataSource: 'From the user and the customer',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['azure-eea', 'azure-us'],
    transferKeys: ['azure-openai-us'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'in-review',
    notes:
      'The notice: we act as processor for customer content (Art 28) and as controller for our users’ account data. Services are not designed for anyone under 16.',
    sourceDetail: `${NOTICE}: "Using our services"`,
  },
  {
    key: 'ai',
    name: 'AI features: generating simulations from customer content',
    businessFunction: 'Product and engineering',
    purposes: ['Generate AI training simulations from customer content'],
    lawfulBasis: 'contract',
    dataSubjects: ['Customers’ users (Creators)', 'Individuals in customer content (voice data)'],
    dataCategories: ['Customer content (text, voice data, images)'],
    retention: [
      { category: 'Customer content sent for generation', period: 'Not stated in the notice', basis: null },
    ],
    dataSource: 'Uploaded by customers',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['azure-us', 'openai'],
    transferKeys: ['azure-openai-us'],
    securityMeasures: SECURITY_NOT_STATED,
    screening: {
      art35Cases: [],
      criteria: ['innovative-technology', 'large-scale', 'evaluation-scoring'],
      onAuthorityList: false,
      reasonNotRequired: null,
    },
    status: 'in-review',
    notes:
      'The notice: "AI generated simulations of customer content is currently processed through Microsoft Azure in the United States."',
    sourceDetail: `${NOTICE}: "Customer content used in our services"`,
  },
  {
    key: 'support',
    name: 'Customer support',
    businessFunction: 'Customer success',
    purposes: ['Answer support requests from users and customers'],
    lawfulBasis: 'contract',
    legitimateInterests:
      'A more efficient and convenient user and customer support experience (users not logged in)',
    dataSubjects: ['Users', 'Website visitors who contact us'],
    dataCategories: ['Name or alias', 'Timestamp and IP address', 'Content of the communication'],
    retention: [{ category: 'Support communications', period: 'Not stated in the notice', basis: null }],
    dataSource: 'From the data subject',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['zendesk', 'intercom'],
    transferKeys: ['zendesk-us'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'approved',
    notes:
      'Logged-in users: Art 6(1)(b) and (f); visitors not logged in: Art 6(1)(f) (notice, "Support tools").',
    sourceDetail: `${NOTICE}: "Support tools"`,
  },
  {
    key: 'analytics',
    name: 'Product and website analytics',
    businessFunction: 'Marketing and product',
    purposes: ['Understand how the website and Web App are used and improve them'],
    lawfulBasis: 'consent',
    dataSubjects: ['Website visitors', 'Users of the Web App'],
    dataCategories: [
      'Device identifiers and IP address (de-identified)',
      'Browser information',
      'Pages visited and clicks',
      'Country',
    ],
    retention: [
      {
        category: 'Cookie data',
        period: 'As set in the cookie consent manager',
        basis: 'Notice: retention of cookie data is given in the cookie consent manager',
      },
    ],
    dataSource: 'Cookies and similar technologies',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['google', 'amplitude', 'clarity'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'approved',
    notes: 'Consent through the cookie consent manager (Art 6(1)(a)).',
    sourceDetail: `${NOTICE}: "Analytics"`,
  },
  {
    key: 'bots',
    name: 'Bot protection on web forms',
    businessFunction: 'Engineering',
    purposes: ['Check that form input comes from a person, not a bot'],
    lawfulBasis: 'undetermined',
    dataSubjects: ['Website visitors'],
    dataCategories: ['IP address', 'Time on the website', 'Mouse movements'],
    retention: [],
    dataSource: 'Collected by the reCAPTCHA script',
    childrenData: false,
    automatedDecisions: true,
    vendorKeys: ['recaptcha'],
    transferKeys: ['recaptcha-us'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'draft',
    notes: `${BASIS_NOT_STATED} The analysis runs in the background without the visitor being told.`,
    sourceDetail: `${NOTICE}: "Integration of certain Google services"`,
  },
  {
    key: 'internal',
    name: 'Internal and community communication',
    businessFunction: 'Operations',
    purposes: ['Run the WeAre Slack community channels', 'Hold online meetings'],
    lawfulBasis: 'legitimate-interests',
    legitimateInterests:
      'A community to share experiences of WeAre services; effective communication with stakeholders',
    dataSubjects: ['Community members', 'Customers and partners in meetings'],
    dataCategories: [
      'Identifiers and sign-up data',
      'Posts and messages',
      'Meeting recordings (with consent)',
    ],
    retention: [
      {
        category: 'Meeting data',
        period: 'As long as reasonably needed for each purpose',
        basis: 'Notice: "Online meetings"',
      },
    ],
    dataSource: 'From the data subject',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['slack', 'google'],
    transferKeys: ['google-us'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'approved',
    notes: 'Call recording on consent (Art 6(1)(a)); meetings about a contract also Art 6(1)(b).',
    sourceDetail: `${NOTICE}: "Slack channels" and "Online meetings"`,
  },
  {
    key: 'billing',
    name: 'Billing and subscriptions',
    businessFunction: 'Finance',
    purposes: ['Invoice paid use of the service', 'Keep accounting records'],
    lawfulBasis: 'legal-obligation',
    dataSubjects: ['Customers and their contact persons'],
    dataCategories: ['Identifiers (name, email address)', 'Address', 'Payment details', 'Subscription data'],
    retention: [
      {
        category: 'Address, payment and subscription data',
        period: '10 years',
        basis: 'Mandatory commercial and tax regulations (notice: “a period of ten years”)',
      },
    ],
    dataSource: 'From the customer',
    childrenData: false,
    automatedDecisions: false,
    vendorKeys: ['billing', 'payments'],
    securityMeasures: SECURITY_NOT_STATED,
    status: 'approved',
    notes:
      'Providing paid use rests on the contract (Art 6(1)(b)); keeping the records ten years on the legal obligation (Art 6(1)(c)).',
    sourceDetail: `${NOTICE}: "Purposes and legal basis for processing personal data"`,
  },
  {
    key: 'marketing',
    name: 'Marketing, newsletters and events',
    businessFunction: 'Marketing',
    purposes: [
      'Send newsletters and marketing communications',
      'Tailor marketing with firmographic data',
      'Organise events',
    ],
    lawfulBasis: 'legitimate-interests',
    legitimateInterests: 'Promote the company; make content and messaging more accurate and suitable',
    dataSubjects: ['Newsletter subscribers', 'Prospects', 'Event attendees'],
    dataCategories: [
      'Email address and contact details',
      'Newsletter interactions (web beacons)',
      'Firmographic data',
      'Inferences about interests',
    ],
    retention: [
      {
        category: 'Newsletter analysis',
        period: 'As long as the person or their organisation could become or remain a customer',
        basis: 'Notice: "Newsletters, whitepapers and reports"',
      },
      {
        category: 'Contact details after unsubscribing',
        period: 'Kept to honour the opt-out',
        basis: 'Suppression list',
      },
    ],
    dataSource: 'From the data subject and third-party firmographic providers',
    childrenData: false,
    automatedDecisions: true,
    vendorKeys: ['ms-advertising', 'intercom', 'youtube'],
    securityMeasures: SECURITY_NOT_STATED,
    screening: {
      art35Cases: [],
      criteria: ['evaluation-scoring', 'matching-combining'],
      onAuthorityList: false,
      reasonNotRequired: null,
    },
    status: 'in-review',
    notes:
      'Marketing consent where required (Art 6(1)(a)); existing customers on legitimate interests (Art 6(1)(f)). No LIA is recorded yet.',
    sourceDetail: `${NOTICE}: "Marketing" and "Newsletters, whitepapers and reports"`,
  },
];

/**
 * One DPIA a DPO of this company would run: the AI features (new technology, large scale, evaluation), screened
 * and with its risks rated before and after measures. The notice says none of this; it is the example.
 */
export const demoDpias: (Record<string, unknown> & {
  key: string;
  title: string;
  activityKeys: readonly string[];
})[] = [
  {
    key: 'ai-dpia',
    title: 'DPIA: AI features (Azure OpenAI)',
    activityKeys: ['ai'],
    status: 'draft',
    screening: {
      art35Cases: [],
      criteria: ['innovative-technology', 'large-scale', 'evaluation-scoring'],
      onAuthorityList: false,
      reasonNotRequired: null,
    },
    description:
      'Customer content (text, voice data, images) uploaded by Creators is sent to Microsoft Azure OpenAI Service in the United States to generate training simulations. Output returns to the WeAre service in the EEA.',
    necessity:
      'Needed for the AI simulation feature customers contract for; customers choose what content to upload. Minimise by sending only the content a simulation needs.',
    risks: [
      {
        title: 'Access by US authorities to content in transit or at rest',
        source: 'Public authorities of the third country',
        threat: 'Illegitimate access to data',
        impact: 'Disclosure of voice data and personal content of individuals in customer material',
        likelihood: 2,
        severity: 3,
        residualLikelihood: 1,
        residualSeverity: 3,
        measures: [
          {
            measure: 'EU SCCs Module 2 with a transfer impact assessment',
            owner: 'DPO',
            due: '2027-01-31',
            state: 'in-progress',
          },
          {
            measure: 'Encryption in transit and at rest with keys held in the EEA',
            owner: 'Engineering',
            due: null,
            state: 'planned',
          },
        ],
      },
      {
        title: 'Customer content kept or reused by the model provider',
        source: 'Processor (sub-processor)',
        threat: 'Unwanted use of data',
        impact: 'Individuals’ data used beyond the customer’s instructions',
        likelihood: 3,
        severity: 3,
        residualLikelihood: 1,
        residualSeverity: 2,
        measures: [
          {
            measure: 'Confirm abuse monitoring opt-out and no training on customer data in the DPA',
            owner: 'Legal',
            due: '2026-12-15',
            state: 'planned',
          },
        ],
      },
      {
        title: 'Inaccurate generated content about a person',
        source: 'The AI model',
        threat: 'Unwanted modification of data',
        impact: 'Misleading training material attributing statements to individuals',
        likelihood: 3,
        severity: 2,
        residualLikelihood: 2,
        residualSeverity: 2,
        measures: [
          {
            measure: 'Human review of generated simulations before publishing',
            owner: 'Product',
            due: null,
            state: 'done',
          },
        ],
      },
    ],
    dpoOpinion: null,
    notes: 'Example DPIA for the demo; the notice does not describe one.',
    sourceDetail: 'Demo example built on the notice’s AI features',
  },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoAt = (ms: number) =>
  new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/\.000Z$/, 'Z');

/**
 * Rights requests as the notice invites them (it offers both the GDPR and the CCPA rights), dated from the day
 * the demo is loaded so that their states are what they claim: one open, one paused for identity, one extended,
 * one overdue, one completed.
 */
export function demoRequests(now: Date): (Record<string, unknown> & { key: string; reference: string })[] {
  const t = now.getTime();
  const day = (n: number) => isoDay(t - n * DAY);
  const source = `${NOTICE}: "Your rights"`;
  return [
    {
      key: 'req-open',
      reference: 'DSAR-DEMO-1',
      jurisdiction: 'GDPR',
      country: 'NO',
      type: 'access',
      receivedOn: day(10),
      channel: 'email',
      requester: 'Creator account holder (contact kept in the ticket)',
      sourceDetail: source,
    },
    {
      key: 'req-paused',
      reference: 'DSAR-DEMO-2',
      jurisdiction: 'GDPR',
      country: 'NO',
      type: 'erasure',
      receivedOn: day(20),
      channel: 'web-form',
      pauses: [{ from: day(18), to: day(12), reason: 'Waiting for the identity evidence we asked for' }],
      identityReceivedOn: day(12),
      sourceDetail: source,
    },
    {
      key: 'req-extended',
      reference: 'DSAR-DEMO-3',
      jurisdiction: 'GDPR',
      country: 'NO',
      type: 'access',
      receivedOn: day(45),
      channel: 'email',
      extensionNoticeOn: day(20),
      extensionReason:
        'Data held across the Web App, support tools and billing: more time is needed to collect it.',
      sourceDetail: source,
    },
    {
      key: 'req-overdue',
      reference: 'CCPA-DEMO-4',
      jurisdiction: 'CCPA',
      type: 'know',
      receivedOn: day(50),
      channel: 'web-form',
      sourceDetail: `${NOTICE}: "Your California privacy rights"`,
    },
    {
      key: 'req-closed',
      reference: 'DSAR-DEMO-5',
      jurisdiction: 'GDPR',
      country: 'NO',
      type: 'portability',
      receivedOn: day(80),
      channel: 'email',
      outcome: 'fulfilled',
      completedOn: day(60),
      actions: 'Export of the account and content data sent in JSON.',
      sourceDetail: source,
    },
  ];
}

/**
 * Two breaches a DPO of this company could face, dated from the moment the demo is loaded: one past its
 * deadline and filed late with the reasons, one whose clock is still running.
 */
export function demoBreaches(now: Date): (Record<string, unknown> & { key: string; title: string })[] {
  const t = now.getTime();
  const at = (hoursAgo: number) => isoAt(t - hoursAgo * HOUR);
  return [
    {
      key: 'breach-late',
      title: 'Support ticket export sent to the wrong customer',
      occurredAt: at(110),
      discoveredAt: at(104),
      awareAt: at(100),
      timeZone: 'Europe/Oslo',
      nature: ['confidentiality'],
      description: 'A CSV export of support tickets was attached to a reply to another customer.',
      cause: 'Human error: the wrong attachment was chosen in the support tool.',
      dataCategories: ['Names and email addresses', 'Content of support tickets'],
      peopleAffected: 42,
      consequences: 'Other customers’ users could read support conversations.',
      measuresTaken: 'The recipient confirmed deletion in writing; attachments now need a second check.',
      assessments: [
        {
          assessedAt: at(96),
          level: 'risk',
          by: 'DPO',
          reasoning:
            'Names and ticket content, no special categories; the recipient is a known business customer.',
        },
      ],
      filings: [
        {
          kind: 'initial',
          authority: 'Datatilsynet',
          filedAt: at(20),
          channel: 'Online form',
          reference: null,
          delayReason: 'The scope (which tickets were in the export) took three days to establish.',
        },
      ],
      status: 'open',
      sourceDetail: 'Demo example; the notice describes no breach',
    },
    {
      key: 'breach-running',
      title: 'Laptop with an unencrypted customer list lost',
      occurredAt: at(40),
      discoveredAt: at(32),
      awareAt: at(30),
      timeZone: 'Europe/Oslo',
      nature: ['confidentiality', 'availability'],
      description:
        'A sales laptop was left on a train; it held an unencrypted spreadsheet of customer contacts.',
      dataCategories: ['Names, emails and phone numbers of customer contacts'],
      peopleAffected: 1200,
      assessments: [
        {
          assessedAt: at(28),
          level: 'high',
          by: 'DPO',
          reasoning: 'Large number of people and no encryption: phishing risk for every contact.',
        },
      ],
      status: 'open',
      sourceDetail: 'Demo example; the notice describes no breach',
    },
  ];
}
