import{d as s,E as t}from"./ha-vitals-styles-D7YmZFW_.js";const a={fmt:t,t:s};export{a as E};
