//! Word lists for plausible demo data. Diverse on purpose: bias analytics
//! later need groups to compare.

pub const FIRST: &[&str] = &[
    "Ada", "Amara", "Aiko", "Ana", "Arjun", "Beatriz", "Bilal", "Bongani", "Carmen", "Chen", "Chidi", "Daniela",
    "David", "Dmitri", "Elif", "Emma", "Farah", "Fatima", "Felix", "Grace", "Hana", "Hassan", "Ines", "Ivan",
    "Jamal", "Jia", "Joao", "Julia", "Kai", "Kenji", "Kofi", "Lars", "Leila", "Liam", "Lucia", "Malik", "Maria",
    "Mateo", "Mei", "Mohammed", "Nadia", "Naveen", "Nia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rania",
    "Ravi", "Rosa", "Sakura", "Samir", "Sara", "Sofia", "Tariq", "Thandiwe", "Tomas", "Valentina", "Wei", "Yara",
    "Yusuf", "Zainab", "Zoe",
];

pub const LAST: &[&str] = &[
    "Abara", "Adeyemi", "Almeida", "Andersen", "Bauer", "Bianchi", "Chen", "Costa", "Dubois", "Eze", "Fernandes",
    "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Hoang", "Ibrahim", "Ito", "Jansen", "Kang", "Kaur", "Khan",
    "Kim", "Kowalski", "Kumar", "Larsen", "Lopez", "Mahlangu", "Martin", "Mensah", "Meyer", "Moreau", "Mwangi",
    "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Ortiz", "Patel", "Petrov", "Popescu", "Rahman", "Reyes",
    "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Tanaka", "Torres", "Wang", "Weber", "Williams",
    "Yamamoto", "Yilmaz", "Zhang", "Zulu",
];

/// Departments, in the order the CEO's reports head them. "People" is third
/// so that any org with three or more departments has an HR function.
pub const DEPARTMENTS: &[&str] = &[
    "Engineering", "Sales", "People", "Product", "Marketing", "Finance", "Operations", "Customer Success",
    "Design", "Data", "Legal", "Security",
];

/// Team name stems, combined with the department name.
pub const TEAMS: &[&str] = &[
    "Platform", "Growth", "Core", "Enablement", "Insights", "Delivery", "Quality", "Partnerships", "Foundations",
    "Experience", "Strategy", "Programs", "Automation", "Reliability", "Outreach", "Planning",
];

/// Individual-contributor titles, by department index (falls back to the first).
pub fn ic_title(department: &str, senior: bool) -> String {
    let base = match department {
        "Engineering" => "Software Engineer",
        "Sales" => "Account Executive",
        "People" => "People Partner",
        "Product" => "Product Manager",
        "Marketing" => "Marketing Specialist",
        "Finance" => "Financial Analyst",
        "Operations" => "Operations Specialist",
        "Customer Success" => "Customer Success Manager",
        "Design" => "Product Designer",
        "Data" => "Data Analyst",
        "Legal" => "Counsel",
        "Security" => "Security Engineer",
        _ => "Specialist",
    };
    if senior {
        format!("Senior {base}")
    } else {
        base.to_owned()
    }
}

pub const GENDERS: &[(&str, u32)] = &[("woman", 46), ("man", 46), ("non-binary", 3), ("prefer not to say", 5)];
pub const ETHNICITIES: &[(&str, u32)] = &[
    ("Asian", 22),
    ("Black", 14),
    ("Hispanic or Latino", 15),
    ("Middle Eastern or North African", 8),
    ("White", 33),
    ("Mixed", 4),
    ("prefer not to say", 4),
];
pub const AGE_BANDS: &[(&str, u32)] = &[("18-24", 10), ("25-34", 36), ("35-44", 30), ("45-54", 17), ("55+", 7)];
pub const LOCATIONS: &[(&str, u32)] = &[
    ("Berlin", 18),
    ("London", 18),
    ("Lisbon", 10),
    ("New York", 16),
    ("Toronto", 10),
    ("Singapore", 8),
    ("Nairobi", 6),
    ("Remote", 14),
];
