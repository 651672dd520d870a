import{d as s,E as t}from"./ha-vitals-styles-ou2jbY6k.js";const a={fmt:t,t:s};export{a as E};
