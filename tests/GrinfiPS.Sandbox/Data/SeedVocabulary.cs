namespace GrinfiPS.Sandbox.Data;

/// <summary>Word lists the seeder draws realistic-looking contacts from.</summary>
internal static class SeedVocabulary
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily",
        "Andrew", "Michelle", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "George", "Rebecca",
        "Lukas", "Anna", "Jonas", "Lea", "Felix", "Sophie", "Mateo", "Lucia", "Hugo", "Chloe",
        "Luca", "Giulia", "Oliver", "Amelia", "Noah", "Olivia", "Liam", "Emma", "Arjun", "Priya",
        "Wei", "Mei", "Hiroshi", "Yuki", "Olga", "Dmytro", "Kateryna", "Ahmed", "Fatima", "Omar",
        "Sofia", "Mia", "Elena", "Marco", "Ines", "Pedro", "Camila", "Diego", "Ingrid", "Lars",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Dubois", "Moreau",
        "Rossi", "Russo", "Ferrari", "Esposito", "Kowalski", "Nowak", "Novák", "Svensson", "Johansson", "Hansen",
        "Patel", "Sharma", "Singh", "Kumar", "Wang", "Li", "Zhang", "Chen", "Tanaka", "Suzuki",
        "Kovalenko", "Shevchenko", "Bondarenko", "Ivanova", "O'Brien", "McCarthy", "Murphy", "Kelly", "Silva", "Santos",
    ];

    /// <summary>Company name and its web domain.</summary>
    public static readonly (string Name, string Domain)[] Companies =
    [
        ("Acme Inc", "acme.com"), ("Globex", "globex.com"), ("Initech", "initech.com"), ("Umbrella Corp", "umbrella.io"),
        ("Stark Industries", "stark.com"), ("Wayne Enterprises", "wayne.com"), ("Hooli", "hooli.xyz"), ("Pied Piper", "piedpiper.com"),
        ("Vandelay Industries", "vandelay.com"), ("Soylent", "soylent.co"), ("Cyberdyne Systems", "cyberdyne.ai"), ("Tyrell Corp", "tyrell.com"),
        ("Massive Dynamic", "massivedynamic.com"), ("Oscorp", "oscorp.com"), ("Wonka Industries", "wonka.com"), ("Gringotts", "gringotts.bank"),
        ("Northwind Traders", "northwind.com"), ("Contoso", "contoso.com"), ("Fabrikam", "fabrikam.com"), ("Tailspin Toys", "tailspintoys.com"),
        ("Blue Yonder Airlines", "blueyonder.aero"), ("Litware", "litware.com"), ("Adventure Works", "adventure-works.com"), ("Proseware", "proseware.com"),
        ("Brightwave Analytics", "brightwave.io"), ("Cloudnest", "cloudnest.dev"), ("DataForge", "dataforge.ai"), ("Eventure", "eventure.events"),
        ("Finlytics", "finlytics.com"), ("GreenLeaf Energy", "greenleaf.energy"), ("Helix Bio", "helixbio.com"), ("Ironclad Security", "ironclad.sec"),
        ("Jetstream Logistics", "jetstream.co"), ("Keystone Legal", "keystonelegal.com"), ("Lumen Health", "lumenhealth.com"), ("Monarch Retail", "monarchretail.com"),
        ("Nimbus Software", "nimbus.software"), ("Orbital Media", "orbital.media"), ("Pinnacle Consulting", "pinnacle.consulting"), ("Quantum Leap Labs", "qll.ai"),
        ("Redwood Capital", "redwood.capital"), ("Summit Partners", "summitpartners.com"), ("Trellis HR", "trellis.hr"), ("Upland Foods", "uplandfoods.com"),
        ("Vertex Robotics", "vertexrobotics.com"), ("Waypoint Travel", "waypoint.travel"), ("Xenon Networks", "xenon.net"), ("Yellowbird Studio", "yellowbird.studio"),
        ("Zenith Insurance", "zenith-insurance.com"), ("Aurora Fintech", "aurorafin.com"),
    ];

    public static readonly string[] Positions =
    [
        "CEO", "CTO", "COO", "CFO", "VP of Sales", "VP of Marketing", "Head of Growth", "Head of Operations",
        "Sales Director", "Marketing Manager", "Account Executive", "Business Development Manager", "Product Manager",
        "Engineering Manager", "Software Engineer", "Data Scientist", "Founder", "Co-Founder", "Head of People",
        "Customer Success Manager", "Partnerships Lead", "Procurement Manager", "IT Director", "Recruiter",
        "Chief Revenue Officer", "Demand Generation Manager", "SDR Team Lead", "Solutions Architect",
    ];

    /// <summary>City and country.</summary>
    public static readonly (string City, string Country)[] Places =
    [
        ("San Francisco", "United States"), ("New York", "United States"), ("Austin", "United States"), ("Chicago", "United States"),
        ("Boston", "United States"), ("Seattle", "United States"), ("Toronto", "Canada"), ("Vancouver", "Canada"),
        ("London", "United Kingdom"), ("Manchester", "United Kingdom"), ("Dublin", "Ireland"), ("Berlin", "Germany"),
        ("Munich", "Germany"), ("Hamburg", "Germany"), ("Paris", "France"), ("Lyon", "France"), ("Amsterdam", "Netherlands"),
        ("Madrid", "Spain"), ("Barcelona", "Spain"), ("Lisbon", "Portugal"), ("Milan", "Italy"), ("Warsaw", "Poland"),
        ("Prague", "Czechia"), ("Stockholm", "Sweden"), ("Copenhagen", "Denmark"), ("Kyiv", "Ukraine"), ("Tallinn", "Estonia"),
        ("Zurich", "Switzerland"), ("Vienna", "Austria"), ("Singapore", "Singapore"), ("Bangalore", "India"), ("Tokyo", "Japan"),
        ("Sydney", "Australia"), ("São Paulo", "Brazil"), ("Mexico City", "Mexico"), ("Tel Aviv", "Israel"), ("Dubai", "United Arab Emirates"),
    ];

    public static readonly string[] Streets =
    [
        "Main Street", "Market Street", "High Street", "Park Avenue", "Friedrichstraße", "Rue de Rivoli", "Via Roma",
        "Gran Vía", "Oak Lane", "King Street", "Broadway", "Elm Street", "Harbour Road", "Station Road",
    ];

    public static readonly string[] Skills =
    [
        "Sales", "Negotiation", "Lead Generation", "B2B Marketing", "SaaS", "CRM", "Salesforce", "HubSpot",
        "Account Management", "Business Development", "Public Speaking", "Leadership", "Team Management",
        "Product Management", "Agile", "Scrum", "Python", "SQL", "Data Analysis", "Machine Learning",
        "Cloud Computing", "AWS", "Azure", "Kubernetes", "Cybersecurity", "Recruiting", "Finance", "Strategy",
        "Customer Success", "Content Marketing", "SEO", "Copywriting", "Event Management", "Partnerships",
    ];

    public static readonly string[] Schools =
    [
        "Stanford University", "MIT", "Harvard University", "University of Oxford", "University of Cambridge",
        "ETH Zurich", "TU Munich", "Sorbonne University", "University of Toronto", "National University of Singapore",
        "University of Michigan", "UC Berkeley", "London School of Economics", "Bocconi University", "IE Business School",
        "Kyiv Polytechnic Institute", "University of Warsaw", "KTH Royal Institute of Technology", "INSEAD", "University of Texas",
    ];

    public static readonly string[] Degrees = ["Bachelor of Science", "Bachelor of Arts", "Master of Science", "MBA", "Master of Arts", "PhD"];

    public static readonly string[] FieldsOfStudy =
    [
        "Computer Science", "Business Administration", "Marketing", "Economics", "Finance", "Mechanical Engineering",
        "Psychology", "Communications", "Mathematics", "International Relations",
    ];

    public static readonly string[] Industries =
    [
        "SaaS", "Fintech", "Healthcare", "E-commerce", "Manufacturing", "Logistics", "Education", "Real Estate",
        "Media", "Consulting", "Cybersecurity", "Energy", "Retail", "Insurance", "Travel",
    ];

    public static readonly string[] Sources = ["LinkedIn", "Webinar", "Referral", "Conference", "Website", "Cold email", "Partner"];

    public static readonly string[] AboutLines =
    [
        "Helping B2B teams grow pipeline without growing headcount.",
        "Passionate about building products customers love.",
        "20+ years in enterprise sales. Always happy to connect.",
        "Turning data into decisions.",
        "Building the future of work, one team at a time.",
        "Former founder, now helping startups scale their go-to-market.",
        "Coffee, code and customers.",
        "Let's talk about how we can work together.",
    ];

    public static readonly string[] PostLines =
    [
        "Excited to share that we just closed our Series A!",
        "Great conversations at the conference this week. Thanks to everyone who stopped by.",
        "We're hiring! DM me if you're interested in joining the team.",
        "Three lessons I learned from our last product launch.",
    ];

    public static readonly string[] ContactStatuses = ["active", "active", "active", "active", "paused", "finished", "unsubscribed"];

    public static readonly string[] LinkedinStatuses = ["not_connected", "not_connected", "request_sent", "connected", "connected", "replied"];

    public static readonly string[] EmailStatuses = ["valid", "valid", "valid", "risky", "invalid", "unknown"];

    public static readonly string[] PersonalDomains = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"];
}
