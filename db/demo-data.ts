import type { TransferInput } from '../shared/domain/transfer';
import type { VendorInput } from '../shared/domain/vendor';

const NOTICE = 'Privacy notice of WeAre (wearelearning.io)';

/** The controller the notice names ("Who we are and how to contact us"): the organisation of the demo. */
export const demoOrganisation = { name: 'We Are Learning AS', country: 'NO' };

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
